// The playground as an anywidget module: anywidget/playground.js.
import { anywidget } from './module';

export default anywidget('playground');
