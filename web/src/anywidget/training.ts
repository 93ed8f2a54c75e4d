// The training loop as an anywidget module: anywidget/training.js.
import { anywidget } from './module';

export default anywidget('training');
