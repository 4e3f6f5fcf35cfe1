import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PRINT_ROUTE_PREFIX } from '@shared/print';
import './i18n';
import './styles/app.css';

// A print view (made into a PDF by the core) is its own small app: no chrome, no sign-in, no core calls.
const root = createRoot(document.getElementById('root')!);
if (location.hash.startsWith(PRINT_ROUTE_PREFIX)) {
  void import('./print/PrintRoot').then(({ PrintRoot }) => root.render(<PrintRoot />));
} else {
  void import('./app/App').then(({ App }) =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
