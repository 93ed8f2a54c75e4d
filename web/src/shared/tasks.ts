// Work split across tasks, so that the page can draw a frame and answer
// the reader between its parts.

const queue: (() => void)[] = [];
let channel: MessageChannel | null = null;

/** Runs fn in a task of its own, soon (a message, not a timer: timers nested deeply wait 4 ms). */
export function nextTask(fn: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(fn, 0);
    return;
  }
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => queue.shift()?.();
  }
  queue.push(fn);
  channel.port2.postMessage(null);
}

/** Runs fn in a task after the next frame is drawn (or soon, where no frame comes: a hidden page). */
export function afterFrame(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => nextTask(run));
  // A page in the background draws no frames.
  setTimeout(run, 100);
}
