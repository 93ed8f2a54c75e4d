// The backprop stepper as an anywidget module: anywidget/stepper.js.
import { anywidget } from './module';

export default anywidget('stepper');
