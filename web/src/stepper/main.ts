// The backprop stepper's page: it shows only the stepper, so it loads the
// stepper's own module (chosen by ./early.ts, the page's first script).
import { widgetDef } from '../shared/registry';
import { mountPage } from '../shared/site';

mountPage(widgetDef('stepper'));
