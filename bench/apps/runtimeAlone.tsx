/** The smallest app a runtime can run (bench/apps/bundles.ts weighs React 19 and preact/compat with it). */
import { createRoot } from 'react-dom/client';

const mount = document.getElementById('root');
if (mount) createRoot(mount).render(<p>Hello</p>);
