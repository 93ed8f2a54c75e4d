// The playground's page.
import { widgetDef } from '../shared/registry';
import { mountPage } from '../shared/site';

mountPage(widgetDef('playground'));
