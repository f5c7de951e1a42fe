import { html, raw } from './html';

describe('html', () => {
  it('escapes interpolated text', () => {
    expect(html`<p>${'<script>alert("x")</script>'}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
  });

  it('keeps nested templates and raw markup, joins arrays, drops null and false', () => {
    const items = ['a', 'b<'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${false}${raw('<hr>')}`.value).toBe('<ul><li>a</li><li>b&lt;</li></ul><hr>');
  });

  it('escapes attribute quotes', () => {
    expect(html`<input value="${`" onfocus="x`}">`.value).toBe('<input value="&quot; onfocus=&quot;x">');
  });
});
