// The backprop stepper's page. It shows only the stepper, so it loads the
// stepper's own module, and starts it before anything else: the page's own
// code (the site, the catalog it waits for, the widget) is imported after,
// so the module downloads and compiles meanwhile. Imported statically, that
// code would come first: a bundled script runs its imports (and the
// catalog's wait) before its own lines.
import { loadCore } from '../shared/core';

void loadCore('stepper');
void import('./page');
