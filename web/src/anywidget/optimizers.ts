// The optimizer race as an anywidget module: anywidget/optimizers.js.
import { anywidget } from './module';

export default anywidget('optimizers');
