// The backprop stepper's page: it shows only the stepper, so it loads the
// stepper's own module.
import { useStepperModule } from '../shared/core';
import { widgetDef } from '../shared/registry';
import { mountPage } from '../shared/site';

useStepperModule();
mountPage(widgetDef('stepper'));
