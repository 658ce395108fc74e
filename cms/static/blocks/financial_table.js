/* The grid editor of financial tables (财务表格) in Wagtail's page editor.
 *
 * A telepath block definition like wagtail.contrib.typed_table_block's: render() builds a <table> with a
 * header row (column heading and kind), body rows and a totals row (合计行), keeps the table as state and
 * posts it as one JSON field, <prefix>-grid, that FinancialTableBlock.value_from_datadict reads back into
 * the stored value (blocks/tables.py). Paste from Excel/WPS (text/plain, tab-separated lines) fills the
 * grid from the focused cell and grows it; the sums of amount and whole-number columns are shown live
 * under the totals row, with a mark and a one-click fix when the entered total differs.
 * The numbers are read as blocks/numbers.py parse_decimal reads them, summed exactly (BigInt) and
 * formatted as format_number formats them, so the grid says what the server will say.
 */
(() => {
  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const esc = (text) => String(text ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
  const fill = (template, params) => String(template).replace(/%\((\w+)\)s/g, (_, key) => params[key]);
  const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
  const TOTAL_WORDS = /^(合\s*计|总\s*计|合计数|总计数)[:：]?$/;
  let lastId = 0;

  /* A number as {n: BigInt, s: scale} (value = n / 10^s); null when blank; undefined when not a number. */
  function parseNumber(text, kind) {
    let cleaned = String(text ?? '').normalize('NFKC').trim().replace(/ /g, '').replace(/\u2212/g, '-');
    if (kind === 'percent' && cleaned.endsWith('%')) {
      cleaned = cleaned.slice(0, -1).trim();
      if (!cleaned) return undefined;
    }
    if (!cleaned) return null;
    if (!NUMBER.test(cleaned)) return undefined;
    cleaned = cleaned.replace(/,/g, '');
    const negative = cleaned.startsWith('-');
    const [whole, fraction = ''] = cleaned.replace(/^[+-]/, '').split('.');
    let n = BigInt(whole + fraction);
    if (negative) n = -n;
    const number = { n, s: fraction.length };
    if (kind === 'integer' && n % 10n ** BigInt(number.s) !== 0n) return undefined;
    return number;
  }
  const rescale = (number, scale) => number.n * 10n ** BigInt(scale - number.s);
  const add = (a, b) => {
    const s = Math.max(a.s, b.s);
    return { n: rescale(a, s) + rescale(b, s), s };
  };
  const equal = (a, b) => {
    const s = Math.max(a.s, b.s);
    return rescale(a, s) === rescale(b, s);
  };
  /* format_number: thousands separators, `places` decimals (never fewer than the number has). */
  function formatNumber(number, places, separators = true) {
    const scaled = rescale(number, Math.max(places, number.s));
    const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, '0');
    let whole = places ? digits.slice(0, -places) : digits;
    const fraction = places ? digits.slice(-places) : '';
    if (separators) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (scaled < 0n ? '-' : '') + whole + (fraction ? `.${fraction}` : '');
  }

  /* Excel and WPS put text/plain on the clipboard as tab-separated lines; a cell holding a tab, a line
   * break or a quote is quoted ("…", with "" for a quote). Cells are single lines here. */
  function parseClipboard(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    const source = text.replace(/\r\n?/g, '\n');
    for (let i = 0; i < source.length; i += 1) {
      const ch = source[i];
      if (quoted) {
        if (ch === '"' && source[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"' && cell === '') quoted = true;
      else if (ch === '\t') {
        row.push(cell);
        cell = '';
      } else if (ch === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
      } else cell += ch;
    }
    if (cell !== '' || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows.map((cells) => cells.map((value) => value.replace(/\s*\n\s*/g, ' ').trim()));
  }

  class FinancialTableGrid {
    constructor(blockDef, placeholder, prefix, initialState, initialError) {
      this.blockDef = blockDef;
      this.meta = blockDef.meta;
      this.strings = blockDef.meta.strings;
      this.prefix = prefix;
      lastId += 1;
      this.uid = `fin-grid-${lastId}`;
      const s = this.strings;
      const id = (name) => `${this.uid}-${name}`;
      const element = document.createElement('div');
      element.className = `fin-grid ${this.meta.classname || ''}`;
      element.dataset.finGrid = '';
      element.innerHTML = `
        <div class="fin-grid__meta">
          <div class="w-field__wrapper fin-grid__caption">
            <label class="w-field__label" for="${id('caption')}">${esc(s.CAPTION)}<span class="w-required-mark">*</span></label>
            <div class="w-field w-field--char_field" data-field>
              <div class="w-field__input"><input type="text" id="${id('caption')}" maxlength="200"
                aria-describedby="${id('caption-help')}" data-caption></div>
              <div class="w-field__help" id="${id('caption-help')}">${esc(s.CAPTION_HELP)}</div>
            </div>
          </div>
          <div class="w-field__wrapper fin-grid__unit">
            <label class="w-field__label" for="${id('unit')}">${esc(s.UNIT)}</label>
            <div class="w-field w-field--choice_field" data-field>
              <div class="w-field__input"><select id="${id('unit')}" data-unit>
                ${this.meta.units.map(([value, label]) => `<option value="${esc(value)}">${esc(label)}</option>`).join('')}
              </select></div>
            </div>
          </div>
        </div>
        <div class="fin-grid__summary" role="alert" data-summary hidden></div>
        <p class="fin-grid__help" id="${id('help')}">${esc(s.GRID_HELP)}</p>
        <div class="fin-grid__scroll" role="region" aria-label="${esc(s.GRID)}" tabindex="0" data-scroll>
          <table class="fin-grid__table" aria-describedby="${id('help')}" data-table></table>
        </div>
        <div class="fin-grid__actions">
          <button type="button" class="button button-small button-secondary fin-grid__add" data-add-row>
            <span aria-hidden="true">＋</span> ${esc(s.ADD_ROW)}</button>
          <button type="button" class="button button-small button-secondary fin-grid__add" data-add-column>
            <span aria-hidden="true">＋</span> ${esc(s.ADD_COLUMN)}</button>
        </div>
        <p class="fin-grid__status" aria-live="polite" data-status></p>
        <input type="hidden" name="${esc(prefix)}-grid" data-grid-value>`;
      placeholder.replaceWith(element);
      this.element = element;
      this.captionInput = element.querySelector('[data-caption]');
      this.unitSelect = element.querySelector('[data-unit]');
      this.table = element.querySelector('[data-table]');
      this.summary = element.querySelector('[data-summary]');
      this.status = element.querySelector('[data-status]');
      this.hidden = element.querySelector('[data-grid-value]');

      this.captionInput.addEventListener('input', () => {
        this.caption = this.captionInput.value;
        this.store();
      });
      this.unitSelect.addEventListener('change', () => {
        this.unit = this.unitSelect.value;
        this.store();
      });
      element.querySelector('[data-add-row]').addEventListener('click', () => {
        this.insertRow(this.rows.length);
        this.changed({ row: this.rows.length - 1, col: 0 });
      });
      element.querySelector('[data-add-column]').addEventListener('click', () => {
        this.insertColumn(this.columns.length);
        this.changed({ heading: this.columns.length - 1 });
      });
      this.table.addEventListener('input', (event) => this.onInput(event));
      this.table.addEventListener('change', (event) => this.onInput(event));
      this.table.addEventListener('paste', (event) => this.onPaste(event));
      this.table.addEventListener('keydown', (event) => this.onKeydown(event));
      this.table.addEventListener('click', (event) => this.onClick(event));
      // Tabbing to a cell past the box's edge makes Chromium scroll every ancestor into view, also Wagtail's
      // main column, which clips sideways (overflow-x: hidden) and is never meant to be scrolled sideways;
      // the scroll may even be animated. Whatever moves such a column sideways, put it back: scroll events
      // do not bubble, but the document sees them all in its capture phase.
      if (!document.documentElement.dataset.finGridUnshift) {
        document.documentElement.dataset.finGridUnshift = 'on';
        document.addEventListener('scroll', (event) => {
          const el = event.target;
          if (el instanceof Element && el.scrollLeft && getComputedStyle(el).overflowX === 'hidden') {
            el.scrollTo({ left: 0, top: el.scrollTop, behavior: 'instant' }); // ends a smooth scroll too
          }
        }, true);
      }

      this.setState(initialState);
      if (initialError) this.setError(initialError);
    }

    /* ---- state ---- */

    setState(state) {
      const grid = state || {};
      this.caption = grid.caption || '';
      this.unit = grid.unit || (this.meta.units[0] && this.meta.units[0][0]);
      this.columns = (grid.columns || []).map((column) => ({
        id: column.id || null, heading: column.heading || '', kind: column.kind || 'text',
      }));
      if (!this.columns.length) this.columns.push({ id: null, heading: '', kind: 'text' });
      this.rows = (grid.rows || []).map((row) => ({ id: row.id || null, cells: (row.cells || []).map(String) }));
      if (!this.rows.length) this.rows.push({ id: null, cells: [] });
      this.totals = (grid.totals_row || []).map(String);
      this.normalise();
      this.captionInput.value = this.caption;
      this.unitSelect.value = this.unit;
      this.errors = null;
      this.render();
      this.store(false);
    }

    /* Every row and the totals row have one cell per column. */
    normalise() {
      const width = this.columns.length;
      const fit = (cells) => {
        const fitted = cells.slice(0, width);
        while (fitted.length < width) fitted.push('');
        return fitted;
      };
      this.rows.forEach((row) => {
        row.cells = fit(row.cells);
      });
      this.totals = fit(this.totals);
    }

    getState() {
      return {
        caption: this.caption,
        unit: this.unit,
        columns: this.columns.map(({ id, heading, kind }) => ({ id, heading, kind })),
        rows: this.rows.map(({ id, cells }) => ({ id, cells: [...cells] })),
        totals_row: this.totals.some((cell) => cell.trim()) ? [...this.totals] : [],
      };
    }

    getDuplicatedState() {
      const state = this.getState();
      state.columns.forEach((column) => { column.id = null; });
      state.rows.forEach((row) => { row.id = null; });
      return state;
    }

    getValue() {
      return this.getState();
    }

    getTextLabel(opts) {
      const label = this.caption || '';
      const max = opts && opts.maxLength;
      return max && label.length > max ? `${label.slice(0, max - 1)}…` : label;
    }

    focus() {
      this.captionInput.focus();
    }

    setCapabilityOptions() {}

    /* Post the table; tell the page form (unsaved-changes check, autosave) when it changed. */
    store(notify = true) {
      this.hidden.value = JSON.stringify(this.getState());
      if (notify) this.hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }

    /* ---- structure ---- */

    insertRow(index) {
      this.rows.splice(index, 0, { id: null, cells: this.columns.map(() => '') });
    }

    insertColumn(index, kind = 'text') {
      this.columns.splice(index, 0, { id: null, heading: '', kind });
      this.rows.forEach((row) => row.cells.splice(index, 0, ''));
      this.totals.splice(index, 0, '');
    }

    deleteColumn(index) {
      if (this.columns.length <= 1) {
        this.say(this.strings.LAST_COLUMN);
        return false;
      }
      this.columns.splice(index, 1);
      this.rows.forEach((row) => row.cells.splice(index, 1));
      this.totals.splice(index, 1);
      return true;
    }

    moveColumn(index, by) {
      const to = index + by;
      if (to < 0 || to >= this.columns.length) return false;
      const swap = (list) => { [list[index], list[to]] = [list[to], list[index]]; };
      swap(this.columns);
      this.rows.forEach((row) => swap(row.cells));
      swap(this.totals);
      return true;
    }

    /* A structural change: errors no longer point at the right cells; draw again and keep the focus. */
    changed(focusTarget) {
      this.errors = null;
      this.showSummary([]);
      this.normalise();
      this.render();
      this.store();
      if (focusTarget) this.focusCell(focusTarget);
    }

    focusCell({ row, col, heading, total, selector }) {
      let target = null;
      if (selector) target = this.table.querySelector(selector);
      else if (heading !== undefined) target = this.table.querySelector(`[data-heading="${heading}"]`);
      else if (total !== undefined) target = this.table.querySelector(`[data-total="${total}"]`);
      else target = this.table.querySelector(`[data-row="${row}"][data-col="${col}"]`);
      if (target) {
        // Focusing scrolls every scrollable ancestor; Wagtail's main column is one (overflow-x: hidden, with
        // the closed side panel beyond its edge) and would shift sideways. Scroll only the grid's box.
        target.focus({ preventScroll: true });
        this.reveal(target);
      }
    }

    /* Bring a cell into view: sideways inside the grid's box, up or down in the page's scrolling column. */
    reveal(target) {
      const box = this.element.querySelector('[data-scroll]');
      const outer = box.getBoundingClientRect();
      let rect = target.getBoundingClientRect();
      if (rect.left < outer.left) box.scrollLeft -= outer.left - rect.left + 8;
      else if (rect.right > outer.right) box.scrollLeft += rect.right - outer.right + 8;
      let column = box.parentElement;
      while (column && !(column.scrollHeight > column.clientHeight
        && /(auto|scroll)/.test(getComputedStyle(column).overflowY))) column = column.parentElement;
      if (!column) return;
      rect = target.getBoundingClientRect();
      const view = column.getBoundingClientRect();
      const margin = 96; // Wagtail's save bar sits over the bottom of the screen on phones
      if (rect.top < view.top + 16) column.scrollTop -= view.top + 16 - rect.top;
      else if (rect.bottom > view.bottom - margin) column.scrollTop += rect.bottom - (view.bottom - margin);
    }

    say(message) {
      this.status.textContent = message;
    }

    /* ---- drawing ---- */

    render() {
      const s = this.strings;
      const kinds = this.meta.kinds;
      const last = this.columns.length - 1;
      const button = (action, icon, label, data, disabled = false) => `
        <button type="button" class="button button-small button-secondary button--icon text-replace fin-grid__icon"
          data-action="${action}" ${data} aria-label="${esc(label)}" title="${esc(label)}" ${disabled ? 'disabled' : ''}>
          <svg class="icon icon-${icon}" aria-hidden="true"><use href="#icon-${icon}"></use></svg></button>`;
      const head = this.columns.map((column, c) => {
        const number = c + 1;
        return `<th scope="col" class="fin-grid__head" data-kind="${esc(column.kind)}">
          <input type="text" class="fin-grid__heading" maxlength="100" value="${esc(column.heading)}"
            data-heading="${c}" placeholder="${esc(fill(s.NEW_COLUMN, { number }))}"
            aria-label="${esc(fill(s.COLUMN_HEADING, { number }))}">
          <select class="fin-grid__kind" data-kind-of="${c}" aria-label="${esc(fill(s.COLUMN_KIND, { number }))}">
            ${kinds.map(([value, label]) => `<option value="${esc(value)}" ${value === column.kind ? 'selected' : ''}>${esc(label)}</option>`).join('')}
          </select>
          <div class="fin-grid__tools">
            ${button('left', 'arrow-left', fill(s.MOVE_LEFT, { number }), `data-col="${c}"`, c === 0)}
            ${button('right', 'arrow-right', fill(s.MOVE_RIGHT, { number }), `data-col="${c}"`, c === last)}
            ${button('delete-column', 'bin', fill(s.DELETE_COLUMN, { number }), `data-col="${c}"`, last === 0)}
          </div></th>`;
      }).join('');
      const body = this.rows.map((row, r) => `<tr>
          <th scope="row" class="fin-grid__number">${r + 1}</th>
          ${row.cells.map((cell, c) => `<td><input type="text" class="fin-grid__cell" maxlength="255"
            value="${esc(cell)}" data-row="${r}" data-col="${c}" ${this.isNumeric(c) ? 'inputmode="decimal"' : ''}
            aria-label="${esc(fill(s.CELL, { row: r + 1, column: this.columnName(c) }))}"></td>`).join('')}
          <td class="fin-grid__row-tools">
            ${button('insert-row', 'plus', fill(s.INSERT_ROW_BELOW, { number: r + 1 }), `data-row="${r}"`)}
            ${button('delete-row', 'bin', fill(s.DELETE_ROW, { number: r + 1 }), `data-row="${r}"`, this.rows.length === 1)}
          </td></tr>`).join('');
      const totals = this.totals.map((cell, c) => `<td>
          <input type="text" class="fin-grid__cell fin-grid__total" maxlength="255" value="${esc(cell)}" data-total="${c}"
            ${this.isNumeric(c) ? 'inputmode="decimal"' : ''}
            aria-label="${esc(fill(s.TOTAL_CELL, { column: this.columnName(c) }))}"
            aria-describedby="${this.uid}-computed-${c}">
          <div class="fin-grid__computed" id="${this.uid}-computed-${c}" data-computed="${c}"></div></td>`).join('');
      this.table.innerHTML = `
        <thead><tr><th scope="col" class="fin-grid__number">${esc(s.ROW_NUMBER)}</th>${head}<td></td></tr></thead>
        <tbody>${body}</tbody>
        <tfoot><tr><th scope="row" class="fin-grid__number">${esc(s.TOTALS_ROW)}</th>${totals}<td></td></tr></tfoot>`;
      this.refreshAll();
      this.markErrors();
    }

    columnName(c) {
      return this.columns[c].heading.trim() || fill(this.strings.NEW_COLUMN, { number: c + 1 });
    }

    isNumeric(c) {
      return this.meta.numericKinds.includes(this.columns[c].kind);
    }

    isSummed(c) {
      return this.meta.summedKinds.includes(this.columns[c].kind);
    }

    /* ---- live checks ---- */

    refreshAll() {
      this.columns.forEach((_, c) => this.refreshColumn(c));
    }

    /* The cells of column c that are not numbers, and its sum against the totals cell. */
    refreshColumn(c) {
      const s = this.strings;
      const kind = this.columns[c].kind;
      const numeric = this.isNumeric(c);
      let sum = { n: 0n, s: 0 };
      let broken = false;
      this.rows.forEach((row, r) => {
        const input = this.table.querySelector(`[data-row="${r}"][data-col="${c}"]`);
        const number = numeric ? parseNumber(row.cells[c], kind) : null;
        if (input) this.markLive(input, number === undefined);
        if (number === undefined) broken = true;
        else if (number) sum = add(sum, number);
      });
      const totalInput = this.table.querySelector(`[data-total="${c}"]`);
      const given = numeric ? parseNumber(this.totals[c], kind) : null;
      if (totalInput) this.markLive(totalInput, given === undefined);
      const out = this.table.querySelector(`[data-computed="${c}"]`);
      if (!out) return;
      const cell = out.closest('td');
      cell.classList.remove('fin-grid--differs', 'fin-grid--matches');
      if (!this.isSummed(c)) {
        out.innerHTML = `<span class="fin-grid__muted">${esc(s.NOT_SUMMED)}</span>`;
        return;
      }
      if (broken) {
        out.innerHTML = `<span class="fin-grid__muted">${esc(s.COMPUTED)}: —</span>`;
        return;
      }
      const places = kind === 'integer' ? 0 : Math.max(2, sum.s, given ? given.s : 0);
      const shown = formatNumber(sum, places);
      const hasTotals = this.totals.some((text) => text.trim());
      if (given && equal(given, sum)) {
        cell.classList.add('fin-grid--matches');
        out.innerHTML = `<span class="fin-grid__sum" data-sum>${esc(fill(s.COMPUTED_VALUE, { sum: shown }))}</span>
          <span class="fin-grid__ok">✓ ${esc(s.MATCHES)}</span>`;
        return;
      }
      const plain = formatNumber(sum, places, false);
      const fix = `<button type="button" class="button button-small fin-grid__use" data-action="use-sum" data-col="${c}"
          data-sum="${esc(plain)}" aria-label="${esc(fill(s.USE_COMPUTED_LABEL, { sum: shown, column: this.columnName(c) }))}">
          ${esc(s.USE_COMPUTED)}</button>`;
      if (given) {
        cell.classList.add('fin-grid--differs');
        out.innerHTML = `<span class="fin-grid__warn" data-differs>⚠ ${esc(fill(s.DIFFERS, { sum: shown }))}</span>${fix}`;
      } else if (given === null && hasTotals) {
        cell.classList.add('fin-grid--differs');
        out.innerHTML = `<span class="fin-grid__warn" data-differs>⚠ ${esc(fill(s.MISSING, { sum: shown }))}</span>${fix}`;
      } else {
        out.innerHTML = `<span class="fin-grid__sum" data-sum>${esc(fill(s.COMPUTED_VALUE, { sum: shown }))}</span>
          ${given === undefined ? '' : fix}`;
      }
    }

    markLive(input, bad) {
      input.classList.toggle('fin-grid__cell--nan', bad);
      if (bad) {
        input.setAttribute('aria-invalid', 'true');
        input.title = this.strings.NOT_A_NUMBER;
      } else if (!input.classList.contains('fin-grid__cell--error')) {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('title');
      }
    }

    /* ---- events ---- */

    onInput(event) {
      const target = event.target;
      const { row, col, heading, total, kindOf } = target.dataset;
      if (row !== undefined) {
        this.rows[+row].cells[+col] = target.value;
        this.refreshColumn(+col);
      } else if (total !== undefined) {
        this.totals[+total] = target.value;
        this.refreshAll(); // a first total makes the other summed columns' blanks count
      } else if (heading !== undefined) {
        this.columns[+heading].heading = target.value;
      } else if (kindOf !== undefined) {
        if (event.type !== 'change') return;
        this.columns[+kindOf].kind = target.value;
        this.render();
        this.focusCell({ selector: `[data-kind-of="${kindOf}"]` });
      } else return;
      this.store(false);
    }

    onClick(event) {
      const button = event.target.closest('button[data-action]');
      if (!button) return;
      const { action } = button.dataset;
      const row = +button.dataset.row;
      const col = +button.dataset.col;
      if (action === 'insert-row') {
        this.insertRow(row + 1);
        this.changed({ row: row + 1, col: 0 });
      } else if (action === 'delete-row' && this.rows.length > 1) {
        this.rows.splice(row, 1);
        this.changed({ row: Math.min(row, this.rows.length - 1), col: 0 });
      } else if (action === 'delete-column') {
        if (this.deleteColumn(col)) this.changed({ heading: Math.min(col, this.columns.length - 1) });
      } else if (action === 'left' || action === 'right') {
        const by = action === 'left' ? -1 : 1;
        if (this.moveColumn(col, by)) this.changed({ selector: `[data-action="${action}"][data-col="${col + by}"]` });
      } else if (action === 'use-sum') {
        this.totals[col] = button.dataset.sum;
        const first = this.columns.findIndex((column) => column.kind === 'text');
        if (first >= 0 && !this.totals[first].trim()) this.totals[first] = this.strings.TOTAL_LABEL;
        this.changed({ total: col });
      }
    }

    /* Arrow keys up/down and Enter move between rows as in a spreadsheet; Enter never submits the page. */
    onKeydown(event) {
      const target = event.target;
      if (event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey) {
        this.tabWithin(event);
        return;
      }
      if (target.tagName !== 'INPUT') return;
      const { row, col, total } = target.dataset;
      if (!['ArrowUp', 'ArrowDown', 'Enter'].includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      if (event.key === 'Enter') event.preventDefault();
      if (row === undefined && total === undefined) return;
      const c = row !== undefined ? +col : +total;
      const r = row !== undefined ? +row : this.rows.length;
      const down = event.key !== 'ArrowUp';
      event.preventDefault();
      if (down && r < this.rows.length - 1) this.focusCell({ row: r + 1, col: c });
      else if (down && r === this.rows.length - 1) {
        if (event.key === 'Enter') {
          this.insertRow(this.rows.length);
          this.changed({ row: r + 1, col: c });
        } else this.focusCell({ total: c });
      } else if (!down && r > 0) this.focusCell({ row: r - 1, col: c });
    }

    /* Tab and Shift+Tab between the grid's own fields and buttons move focus without the browser's scrolling
       into view, which would also shift Wagtail's main column sideways on a phone: only the grid's box
       scrolls (reveal). Leaving the grid is the browser's ordinary Tab. */
    tabWithin(event) {
      const order = Array.from(this.table.querySelectorAll('input, select, button, textarea'))
        .filter((el) => !el.disabled && el.tabIndex >= 0 && el.offsetParent !== null);
      const next = order[order.indexOf(event.target) + (event.shiftKey ? -1 : 1)];
      if (!order.includes(event.target) || !next) return;
      event.preventDefault();
      next.focus({ preventScroll: true });
      this.reveal(next);
    }

    onPaste(event) {
      const target = event.target;
      const text = event.clipboardData && event.clipboardData.getData('text/plain');
      if (!text || !/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ''))) return; // one value: the browser pastes it
      const { row, col, heading, total } = target.dataset;
      if (row === undefined && heading === undefined && total === undefined) return;
      event.preventDefault();
      let lines = parseClipboard(text).filter((cells) => cells.some((cell) => cell !== ''));
      if (!lines.length) return;
      const width = Math.max(...lines.map((cells) => cells.length));
      lines = lines.map((cells) => [...cells, ...Array(width - cells.length).fill('')]);
      const c0 = +(col ?? heading ?? total);
      const fresh = new Set(); // columns without heading or content before the paste: their kind is guessed
      this.columns.forEach((column, c) => {
        if (!column.heading.trim() && this.rows.every((r) => !r.cells[c].trim())) fresh.add(c);
      });
      while (this.columns.length < c0 + width) {
        fresh.add(this.columns.length);
        this.insertColumn(this.columns.length);
      }
      let headings = null;
      let totalsLine = null;
      const r0 = row !== undefined ? +row : 0;
      if (total !== undefined) {
        totalsLine = lines[0];
        lines = [];
      } else {
        if (heading !== undefined) headings = lines.shift();
        else if (r0 === 0 && this.looksLikeHeadings(lines, c0)) headings = lines.shift();
        const lastLine = lines[lines.length - 1];
        const label = lastLine && lastLine.find((cell) => cell !== '');
        if (lines.length > 1 && label && TOTAL_WORDS.test(label)) totalsLine = lines.pop();
      }
      if (headings) headings.forEach((value, i) => { this.columns[c0 + i].heading = value; });
      while (this.rows.length < r0 + lines.length) this.insertRow(this.rows.length);
      lines.forEach((cells, i) => cells.forEach((value, j) => { this.rows[r0 + i].cells[c0 + j] = value; }));
      if (totalsLine) totalsLine.forEach((value, j) => { this.totals[c0 + j] = value; });
      for (let j = 0; j < width; j += 1) {
        if (fresh.has(c0 + j)) this.columns[c0 + j].kind = this.guessKind(lines.map((cells) => cells[j]));
      }
      this.changed(total !== undefined ? { total: c0 } : { row: r0, col: c0 });
      this.say(fill(this.strings.PASTED, { rows: lines.length + (headings ? 1 : 0) + (totalsLine ? 1 : 0), columns: width }));
    }

    /* A first line of words above lines that hold numbers in the same columns: the column headings,
     * when the columns it lands on have none yet. */
    looksLikeHeadings(lines, c0) {
      if (lines.length < 2) return false;
      const [first, ...rest] = lines;
      const noHeadings = first.every((_, j) => !(this.columns[c0 + j] && this.columns[c0 + j].heading.trim()));
      const wordsOnly = first.every((cell) => !cell || parseNumber(cell, 'amount') === undefined);
      const numbersBelow = first.some((_, j) => rest.some((cells) => parseNumber(cells[j], 'amount')));
      return noHeadings && wordsOnly && numbersBelow;
    }

    guessKind(values) {
      const filled = values.filter((value) => value && value.trim());
      if (!filled.length) return 'text';
      if (filled.every((value) => /%\s*$/.test(value) && parseNumber(value, 'percent'))) return 'percent';
      if (filled.every((value) => parseNumber(value, 'amount'))) return 'amount';
      return 'text';
    }

    /* ---- server errors (FinancialTableBlock.clean) ---- */

    setError(error) {
      this.errors = error || null;
      this.markErrors();
    }

    markErrors() {
      this.table.querySelectorAll('.fin-grid__cell--error').forEach((input) => {
        input.classList.remove('fin-grid__cell--error');
        input.removeAttribute('aria-invalid');
        input.removeAttribute('title');
      });
      const messages = [];
      const error = this.errors;
      if (!error) {
        this.showSummary(messages);
        return;
      }
      const take = (list) => (list || []).forEach((message) => messages.push(message));
      const mark = (input, list) => {
        if (!input || !list || !list.length) return;
        input.classList.add('fin-grid__cell--error');
        input.setAttribute('aria-invalid', 'true');
        input.title = list.join(' ');
      };
      take(error.messages);
      const children = error.blockErrors || {};
      if (children.caption) {
        take(children.caption.messages);
        mark(this.captionInput, children.caption.messages);
      }
      if (children.unit) take(children.unit.messages);
      const columns = children.columns || {};
      take(columns.messages);
      Object.entries(columns.blockErrors || {}).forEach(([c, columnError]) => {
        take(columnError.messages);
        Object.values(columnError.blockErrors || {}).forEach((field) => {
          const list = (field.messages || []).map((message) => `${this.columnName(+c)}：${message}`);
          take(list);
          mark(this.table.querySelector(`[data-heading="${c}"]`), list);
        });
      });
      const rows = children.rows || {};
      take(rows.messages);
      Object.entries(rows.blockErrors || {}).forEach(([r, rowError]) => {
        take(rowError.messages);
        Object.entries(rowError.blockErrors || {}).forEach(([c, cellError]) => {
          take(cellError.messages);
          mark(this.table.querySelector(`[data-row="${r}"][data-col="${c}"]`), cellError.messages);
        });
      });
      const totals = children.totals_row || {};
      take(totals.messages);
      Object.entries(totals.blockErrors || {}).forEach(([c, cellError]) => {
        // A wrong or missing sum is already in the summary, named with the table; a non-number is not.
        const summed = error.messages && error.messages.length && this.columns[+c]
          && parseNumber(this.totals[+c], this.columns[+c].kind) !== undefined;
        if (!summed) take(cellError.messages);
        mark(this.table.querySelector(`[data-total="${c}"]`), cellError.messages);
      });
      this.showSummary(messages);
    }

    showSummary(messages) {
      this.summary.hidden = !messages.length;
      this.summary.innerHTML = messages.length
        ? `<svg class="icon icon-warning" aria-hidden="true"><use href="#icon-warning"></use></svg>
           <ul>${messages.map((message) => `<li>${esc(message)}</li>`).join('')}</ul>` : '';
    }
  }

  class FinancialTableBlockDefinition {
    constructor(name, defaultState, meta) {
      this.name = name;
      this.defaultState = defaultState;
      this.meta = meta;
    }

    render(placeholder, prefix, initialState, initialError) {
      return new FinancialTableGrid(this, placeholder, prefix, initialState || this.defaultState, initialError);
    }
  }

  window.telepath.register('blocks.tables.FinancialTableBlock', FinancialTableBlockDefinition);
  window.financialTableGrid = { parseNumber, parseClipboard, formatNumber };
})();
