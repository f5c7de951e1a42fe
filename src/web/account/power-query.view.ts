import { Html, html } from '../../html/html';

/** Exact steps for Excel and Power BI "From OData Feed" with an API key, sent as the dRofus form `Basic :key`. */
export function powerQueryHelp(issuer: string): Html {
  const feed = `${issuer}/odata/01/`;
  return html`<section class="card" id="excel">
  <h2>Use a key from Excel or Power BI</h2>
  <ol class="steps">
    <li>Create an <strong>API key</strong> above and copy it.</li>
    <li>In Excel: <strong>Data → Get Data → From OData Feed</strong> (Excel lists it under <em>From Other Sources</em>). In Power BI: <strong>Get Data → OData feed</strong>.</li>
    <li>Enter the feed URL <code>${feed}</code> (replace <code>01</code> with your database) and choose <strong>OK</strong>.</li>
    <li>When asked how to sign in, choose <strong>Basic</strong>. Leave <strong>User name</strong> empty or type <code>apikey</code>; paste the key as the <strong>Password</strong>. Choose <strong>Connect</strong>.</li>
    <li>Pick the tables (<code>rooms</code>, <code>items</code>, <code>occurrences</code>) and choose <strong>Load</strong>. <strong>Refresh</strong> pulls the latest data with the same key.</li>
  </ol>
  <p class="hint">API keys only read. To stop a key working, revoke it above; Excel then asks for new credentials (Data → Get Data → Data Source Settings).</p>
</section>`;
}
