// MyST copies the module an {anywidget} directive names into the book; this
// one line is that copy, and the site's module (with its code, wasm and
// fonts beside it) is imported from where it is served.
export { default } from 'https://your.site/backprop/anywidget/stepper.js';
