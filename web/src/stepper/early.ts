// Runs before the page's own modules (its script comes first in index.html,
// and it imports neither the catalog nor the widgets): the stepper's module
// starts downloading and compiling while the page waits for its catalog.
import { loadCore, useStepperModule } from '../shared/core';

useStepperModule();
void loadCore();
