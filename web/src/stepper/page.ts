// The stepper's page proper (./main.ts starts its module first).
import { widgetDef } from '../shared/registry';
import { mountPage } from '../shared/site';

mountPage(widgetDef('stepper'));
