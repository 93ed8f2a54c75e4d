// The loss explorer as an anywidget module: anywidget/losses.js.
import { anywidget } from './module';

export default anywidget('losses');
