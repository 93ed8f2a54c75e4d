// The loss explorer's module, imported from the site (see stepper.mjs).
export { default } from 'https://your.site/backprop/anywidget/losses.js';
