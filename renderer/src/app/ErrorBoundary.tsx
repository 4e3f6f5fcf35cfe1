import { Component, type ReactNode } from 'react';
import { withTranslation, type WithTranslation } from 'react-i18next';

interface Props extends WithTranslation {
  children: ReactNode;
  /** Changing it (e.g. the route) clears a caught error. */
  resetKey?: string;
}

/** One area failing must not take the whole console down. */
class Boundary extends Component<Props, { error: Error | null; key?: string }> {
  override state: { error: Error | null; key?: string } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey?: string }, state: { error: Error | null; key?: string }) {
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }
  override componentDidCatch(error: Error) {
    console.error('area crashed', error);
  }
  override render() {
    const { t } = this.props;
    if (!this.state.error) return this.props.children;
    return (
      <section className="panel error-panel" role="alert">
        <h1>{t('errors.boundaryTitle')}</h1>
        <p>{t('errors.boundaryBody')}</p>
        <pre className="mono small">{this.state.error.message}</pre>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {t('retry')}
        </button>
      </section>
    );
  }
}

export const ErrorBoundary = withTranslation('common')(Boundary);
