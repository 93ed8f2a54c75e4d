// One script for pages that embed the widgets without an iframe:
//
//   <script type="module" src="https://…/widgets.js"></script>
//   <backprop-stepper term="dE_total/dw5" hide="editor"></backprop-stepper>
//
// It defines <backprop-stepper>, <loss-explorer>, <optimizer-race> and
// <training-loop>; each loads its code and the core when first used.
import { defineWidget } from '../shared/element';
import { formatHash } from '../shared/hash';
import { setLinker, widgetDef, widgets } from '../shared/registry';

// Links between widgets go to the site this script came from.
const site = new URL('./', import.meta.url);
setLinker((id, state) => new URL(`${widgetDef(id).page}${formatHash(state)}`, site).href);

for (const def of widgets) defineWidget(def);
