import { preloadEditor } from './editor-module';
import { start } from './start';

// The launch's requests (code exchange, then Patient and studies) start before React, MUI and the app are even
// evaluated: the page's own module holds only the launch code, and the rest is imported from here. So the code
// exchange is under way while the browser compiles and runs the app, instead of after it.
void start();

const root = document.getElementById('root')!;
import('./render').then(
  ({ renderApp }) => {
    renderApp(root);
    preloadEditor().catch(() => undefined); // A failure shows when the editor is opened.
  },
  () => {
    // Without the app's code there is no React to show a problem with: plain text in the page.
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = 'The app could not be loaded. Check the network connection and reload the page.';
    root.replaceChildren(message);
  },
);
