import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * The model's Markdown (tables, lists, code) rendered safely: raw HTML is dropped, images are never
 * loaded (a crafted image URL could carry data to another host) and only in-app links (#/…) stay links.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        disallowedElements={['img']}
        unwrapDisallowed
        urlTransform={(url) => (url.startsWith('#/') ? url : '')}
        components={{
          a: ({ href, children }) => (href ? <a href={href}>{children}</a> : <span className="md-link">{children}</span>),
          table: ({ children }) => (
            <div className="table-scroll">
              <table className="table">{children}</table>
            </div>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
