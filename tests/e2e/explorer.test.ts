/**
 * The explorer page in a real browser: Debian's Chromium driven by playwright-core, against the
 * real server over the seeded graph. Screenshots go to test-output/screenshots/ (git-ignored).
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/driver.js';
import { CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS, explorerIdle, openExplorer, prepareBrowserTests, watchProblems } from '../support/browser.js';
import { closeServerAndDb, openSeededServer, type TestServer } from '../support/server.js';

const TEBBOUNE = 'person:abdelmadjid-tebboune';

/** Everything a page did that the tests hold it to: console errors, page errors, requests. */
interface Watched {
  page: Page;
  problems: string[];
  requests: { method: string; url: string; resourceType: string }[];
}

interface ExplorerWindow {
  cy: {
    nodes(selector?: string): { length: number; map<T>(fn: (n: any) => T): T[] };
    edges(selector?: string): { length: number; map<T>(fn: (e: any) => T): T[] };
    getElementById(id: string): any;
    container(): HTMLElement;
    zoom(): number;
  };
  __explorer: { ready: Promise<void>; idle(): Promise<void> };
}
declare const window: ExplorerWindow & Window;

describe('the explorer page', () => {
  let db: Db;
  let server: TestServer;
  let browser: Browser;
  const watched: Watched[] = [];

  beforeAll(async () => {
    // Debian's chromium, installed with apt-get where missing; never a browser download.
    prepareBrowserTests();
    ({ db, server } = await openSeededServer());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await closeServerAndDb(server, db);
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const entry: Watched = { page, problems: [], requests: [] };
    watched.push(entry);
    watchProblems(page, entry.problems);
    page.on('request', (request) => {
      entry.requests.push({ method: request.method(), url: request.url(), resourceType: request.resourceType() });
    });
    await openExplorer(page, server.url, url);
    return page;
  }

  const idle = explorerIdle;

  const nodeIds = (page: Page) => page.evaluate(() => window.cy.nodes().map((n) => n.id() as string));

  /** Where a node or an edge's midpoint is on the page. */
  async function screenPoint(page: Page, what: { node: string } | { edge: string }): Promise<{ x: number; y: number }> {
    return page.evaluate((target) => {
      const el = window.cy.getElementById('node' in target ? target.node : target.edge);
      const point = 'node' in target ? el.renderedPosition() : el.renderedMidpoint();
      const box = window.cy.container().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    }, what);
  }

  /** Node label boxes (model coordinates) that overlap another node's label. */
  async function overlappingLabels(page: Page): Promise<string[][]> {
    return page.evaluate(() => {
      const boxes = window.cy.nodes().map((n) => ({ id: n.id() as string, box: n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }) }));
      const pairs: string[][] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push([boxes[i]!.id, boxes[j]!.id]);
        }
      }
      return pairs;
    });
  }

  /** The relation types the page follows by default: all but MENTIONS. */
  async function defaultTypes(): Promise<string[]> {
    const { data } = await server.gql<{ relationshipTypes: { name: string }[] }>('{ relationshipTypes { name } }');
    return data!.relationshipTypes.map((r) => r.name).filter((name) => name !== 'MENTIONS');
  }

  it('searches in Arabic, draws Tebboune’s neighbourhood with a legend, and updates the URL', async () => {
    const page = await open('/');
    await page.locator('#search').pressSequentially('تبون', { delay: 40 });
    const suggestion = page.locator(`#search-list li[data-id="${TEBBOUNE}"]`);
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('Abdelmadjid Tebboune');
    await suggestion.click();
    await page.waitForFunction((id) => window.cy.getElementById(id).nonempty() && window.cy.nodes().length > 3, TEBBOUNE);
    await idle(page);

    expect(new URL(page.url()).searchParams.get('focus')).toBe(TEBBOUNE);
    const ids = await nodeIds(page);
    expect(ids).toEqual(expect.arrayContaining([TEBBOUNE, 'person:mark-esper']));
    expect(new Set(ids).size).toBe(ids.length);

    // The side panel: both names, the Arabic one right to left.
    await expect.poll(() => page.getAttribute('#details', 'data-entity')).toBe(TEBBOUNE);
    expect(await page.textContent('#details .name-en')).toBe('Abdelmadjid Tebboune');
    const arabic = page.locator('#details .name-ar');
    expect(await arabic.textContent()).toBe('عبد المجيد تبون');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    expect(await arabic.getAttribute('lang')).toBe('ar');

    // The legend names every kind drawn, and nothing else.
    const drawnKinds = new Set(await page.evaluate(() => window.cy.nodes().map((n) => n.data('drawKind') as string)));
    const legendKinds = await page.locator('#legend li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(new Set(legendKinds)).toEqual(drawnKinds);

    // Readable: no node label lies on another.
    expect(await overlappingLabels(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tebboune-neighbourhood.png') });
  });

  it('draws the same neighbourhood the same way on every load', async () => {
    const drawn = async () => {
      const page = await open(`/?focus=${TEBBOUNE}`);
      // Positions relative to the focus, to the pixel: the same answer, the same drawing.
      const positions = await page.evaluate((id) => {
        const focus = window.cy.getElementById(id).position();
        return window.cy.nodes().map((n) => `${n.id()} ${Math.round(n.position().x - focus.x)} ${Math.round(n.position().y - focus.y)}`).sort();
      }, TEBBOUNE);
      await page.close();
      return positions;
    };
    const first = await drawn();
    expect(first.length).toBeGreaterThan(3);
    expect(await drawn()).toEqual(first);
  });

  it('opens on an entity from ?focus=, and a click on a node merges its neighbours into the drawing', async () => {
    const page = await open(`/?focus=${TEBBOUNE}`);
    expect(await page.evaluate((id) => window.cy.getElementById(id).hasClass('focus'), TEBBOUNE)).toBe(true);
    expect(await page.getAttribute('#details', 'data-entity')).toBe(TEBBOUNE);

    // Find a drawn node with neighbours that are not drawn yet (asking the API, as the page does).
    const before = await nodeIds(page);
    const types = await defaultTypes();
    let target: { id: string; missing: string[] } | undefined;
    for (const id of before) {
      const { data } = await server.gql<{ neighborhood: { nodes: { id: string }[] } }>(
        'query($id: ID!, $types: [String!]) { neighborhood(id: $id, depth: 1, types: $types, limit: 300) { nodes { id } } }',
        { id, types },
      );
      const missing = data!.neighborhood.nodes.map((n) => n.id).filter((n) => !before.includes(n));
      if (missing.length > 0) {
        target = { id, missing };
        break;
      }
    }
    expect(target, 'some drawn node has neighbours not drawn yet').toBeDefined();

    // Centre on it so that the click lands on the node, then click it like a person would. About
    // one press in five then lands exactly on the node's x, which Cytoscape's own polygon test
    // took as a miss on a diamond, a star or a vee (the page corrects it in graph.ts).
    await page.evaluate((id) => {
      (window.cy as any).center(window.cy.getElementById(id));
    }, target!.id);
    const point = await screenPoint(page, { node: target!.id });
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction((n) => window.cy.nodes().length > n, before.length);
    await idle(page);

    const after = await nodeIds(page);
    expect(after).toEqual(expect.arrayContaining([...before, ...target!.missing]));
    expect(new Set(after).size).toBe(after.length);
    expect(after.length).toBe(new Set([...before, ...target!.missing]).size);
    expect(new URL(page.url()).searchParams.get('focus')).toBe(target!.id);
  });

  it('takes a click on the very centre of a node of every drawn shape as a tap on that node', async () => {
    const page = await open(`/?focus=${TEBBOUNE}`);
    // One drawn node of each shape: a diamond (city), a star (event), a vee (visit), ellipses…
    const drawn = await page.evaluate(() => window.cy.nodes().map((n) => ({ shape: n.style('shape') as string, id: n.id() as string })));
    const picks = new Map<string, string>();
    for (const { shape, id } of drawn) if (!picks.has(shape)) picks.set(shape, id);
    expect([...picks.keys()]).toEqual(expect.arrayContaining(['diamond', 'star', 'vee', 'ellipse']));

    for (const [shape, id] of picks) {
      // Move the node clear of the others, onto whole model coordinates, and show it at zoom 1
      // with its centre on a whole pixel of the page: the pixel pressed then maps back onto the
      // node's centre exactly, where Cytoscape's own polygon test missed diamonds, stars and vees.
      const point = await page.evaluate((nodeId) => {
        const cy = window.cy as any;
        const w = window as any;
        const node = cy.getElementById(nodeId);
        const others = cy.nodes().not(node).boundingBox();
        node.position({ x: Math.round(others.x2 + 150), y: Math.round((others.y1 + others.y2) / 2) });
        cy.zoom(1);
        const box = cy.container().getBoundingClientRect();
        const x = Math.round(box.left + box.width / 2);
        const y = Math.round(box.top + box.height / 2);
        cy.pan({ x: x - box.left - node.position('x'), y: y - box.top - node.position('y') });
        w.__press = null;
        w.__tap = null;
        cy.one('tapstart', (event: any) => {
          w.__press = { dx: event.position.x - node.position('x'), dy: event.position.y - node.position('y') };
        });
        cy.one('tap', (event: any) => {
          w.__tap = event.target === cy ? 'the background' : event.target.id();
        });
        return { x, y };
      }, id);
      await page.mouse.click(point.x, point.y);
      await page.waitForFunction(() => (window as any).__tap !== null);
      expect(await page.evaluate(() => (window as any).__press), `where the press on the ${shape} node landed`).toEqual({ dx: 0, dy: 0 });
      expect(await page.evaluate(() => (window as any).__tap), `what the click on the ${shape} node tapped`).toBe(id);
      // …and the page did what a tap on a node does: it is the focus now, its neighbours drawn.
      await page.waitForFunction((nodeId) => new URL(location.href).searchParams.get('focus') === nodeId, id);
      await idle(page);
    }
  });

  it('shows the provenance of a selected edge: source, paragraphs and certainty', async () => {
    const page = await open(`/?focus=${TEBBOUNE}`);
    const edge = await page.evaluate((id) => {
      const e = window.cy.getElementById(id).connectedEdges('[type = "HOLDS_POSITION"], [type = "MET"], [type = "PRINCIPAL"]').first();
      return { id: e.id() as string, properties: e.data('properties') as Record<string, unknown> };
    }, TEBBOUNE);
    expect(edge.id).toBeTruthy();
    // Bring the edge to the middle, large enough to click on.
    await page.evaluate((id) => {
      (window.cy as any).fit(window.cy.getElementById(id).connectedNodes(), 160);
    }, edge.id);
    const point = await screenPoint(page, { edge: edge.id });
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('#details[data-show="edge"]');
    await idle(page);

    // Edges can cross at the point clicked: the panel must show the provenance of the one selected.
    const selected = await page.evaluate(() => {
      const chosen = (window.cy as any).edges(':selected');
      return { count: chosen.length as number, id: chosen.first().id() as string, properties: chosen.first().data('properties') as Record<string, unknown> };
    });
    expect(selected.count).toBe(1);
    edge.id = selected.id;
    edge.properties = selected.properties;
    const paragraphs = (edge.properties.paragraphs as number[]) ?? [];
    expect(paragraphs.length).toBeGreaterThan(0);
    expect(await page.textContent('#details .prov-paragraphs')).toBe(paragraphs.join(', '));
    const certainty = String(edge.properties.certainty).toLowerCase();
    expect(['stated', 'attributed', 'external']).toContain(certainty);
    expect(await page.getAttribute('#details .prov-certainty', 'data-certainty')).toBe(certainty);
    expect(await page.textContent('#details .prov-sources')).toContain('source:aljazeera-2020-10-02-esper-algeria');
    expect(await page.evaluate((id) => window.cy.getElementById(id).selected(), edge.id)).toBe(true);
  });

  it('draws the path between two entities (Donald Rumsfeld → Russia)', async () => {
    const page = await open('/?focus=person:donald-rumsfeld');
    await page.locator('#path-to').pressSequentially('Russia', { delay: 30 });
    const suggestion = page.locator('#path-to-list li[data-id="country:russia"]');
    await suggestion.waitFor();
    await suggestion.click();
    await page.click('#path-draw');
    await page.waitForFunction(() => document.querySelector('#path-result')?.getAttribute('data-state') !== '');
    await idle(page);

    expect(await page.getAttribute('#path-result', 'data-state')).toBe('pathFound');
    const ids = await nodeIds(page);
    expect(ids).toEqual(expect.arrayContaining(['person:donald-rumsfeld', 'country:russia']));
    // A chain: n nodes joined by n - 1 edges, each drawn as part of the path.
    const edges = await page.evaluate(() => window.cy.edges().map((e) => ({ path: e.hasClass('path') as boolean })));
    expect(edges.length).toBe(ids.length - 1);
    expect(edges.every((e) => e.path)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'path.png') });
  });

  it('lists the focused person’s visits in order, and a click on one draws it', async () => {
    const page = await open('/?focus=person:mark-esper');
    await page.waitForSelector('#timeline-list .timeline-entry');
    const entries = await page.locator('#timeline-list .timeline-entry').evaluateAll((buttons) =>
      buttons.map((b) => ({ id: b.getAttribute('data-id')!, date: b.querySelector('.date')!.textContent! })),
    );
    const dates = entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const tour = ['visit:mark-esper-tunisia-2020-09-30', 'visit:mark-esper-algeria-2020-10-01', 'visit:mark-esper-morocco-2020-10-02'];
    const order = entries.map((e) => e.id).filter((id) => tour.includes(id));
    expect(order).toEqual(tour);

    await page.click('#timeline-list .timeline-entry[data-id="visit:mark-esper-algeria-2020-10-01"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('focus') === 'visit:mark-esper-algeria-2020-10-01');
    await idle(page);
    const ids = await nodeIds(page);
    expect(ids).toEqual(expect.arrayContaining(['visit:mark-esper-algeria-2020-10-01', 'country:algeria', 'person:mark-esper']));
    // The timeline stays the traveller's, with the drawn visit marked.
    expect(await page.locator('#timeline-list li.current .timeline-entry').getAttribute('data-id')).toBe('visit:mark-esper-algeria-2020-10-01');
    // The visit's details name the country he travelled for (derived from his post) and its place.
    await expect.poll(() => page.getAttribute('#details', 'data-entity')).toBe('visit:mark-esper-algeria-2020-10-01');
    const facts = await page.textContent('#details .facts');
    expect(facts).toContain('Travelling for');
    expect(facts).toContain('United States');
    expect(facts).toContain('Algiers');
  });

  it('switches to Arabic: node labels change and the panel turns right to left', async () => {
    const page = await open(`/?focus=${TEBBOUNE}`);
    const label = () => page.evaluate((id) => window.cy.getElementById(id).data('label') as string, TEBBOUNE);
    expect(await label()).toBe('Abdelmadjid Tebboune');
    expect(await page.getAttribute('#panel', 'dir')).toBe('ltr');

    await page.click('#lang');
    await idle(page);
    expect(await label()).toBe('عبد المجيد تبون');
    expect(await page.getAttribute('#panel', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.textContent('#details h2.entity-name')).toBe('عبد المجيد تبون');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ar');
    // Relation names come in both languages from Query.relationshipTypes: edges and filters show them.
    const edgeLabels = await page.evaluate(() => window.cy.edges('[type = "MET"]').map((e) => e.data('label') as string));
    expect(edgeLabels.length).toBeGreaterThan(0);
    expect(new Set(edgeLabels)).toEqual(new Set(['التقى']));
    expect(await page.textContent('#filters-list')).toContain('يشتري السلاح من');
    // Generated names of visits and meetings are Arabic too, their dates kept whole, left to right.
    const meeting = page.locator('#timeline-list .timeline-name').first();
    expect(await meeting.textContent()).toMatch(/^لقاء .*تبون، 2020-10-01$/);
    const date = meeting.locator('bdi.date-in-text');
    expect(await date.getAttribute('dir')).toBe('ltr');
    expect(await date.evaluate((el) => el.getClientRects().length), 'the date is laid out on one line').toBe(1);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'arabic.png') });

    await page.click('#lang');
    expect(await label()).toBe('Abdelmadjid Tebboune');
    expect(await page.getAttribute('#panel', 'dir')).toBe('ltr');
  });

  it("shows a visit's range, roles, the country travelled for, its places and each source's text, in both languages", async () => {
    const RECORD = `mutation($input: VisitInput!) { recordVisit(input: $input) { visit { id meetings { id } } } }`;
    const input = {
      traveler: { name: 'Lena Range', kind: 'PERSON', role: 'Foreign Minister' },
      host: { id: 'country:algeria' }, representing: { name: 'Tunisia' },
      date: '2023-05-02', endDate: '2023-05-04',
      places: [{ name: 'Algiers' }, { name: 'Tlemcen', kind: 'CITY' }],
      meetings: [{ with: [{ id: TEBBOUNE, role: 'President' }] }],
      purpose: 'Talks on the shared border',
      source: { title: 'First wire on the range visit (test)', publishedAt: '2023-05-02' },
    };
    const first = await server.gqlAuth<{ recordVisit: { visit: { id: string; meetings: { id: string }[] } } }>(RECORD, { input });
    expect(first.errors).toBeUndefined();
    const second = await server.gqlAuth(RECORD, { input: { ...input, purpose: 'Energy and gas prices', source: { title: 'Second wire on the range visit (test)', publishedAt: '2023-05-03' } } });
    expect(second.errors).toBeUndefined();
    const id = first.data!.recordVisit.visit.id;

    const page = await open(`/?focus=${encodeURIComponent(id)}`);
    await expect.poll(() => page.getAttribute('#details', 'data-entity')).toBe(id);
    const facts = async () => (await page.textContent('#details .facts')) ?? '';
    const english = await facts();
    expect(english).toContain('2023-05-02 – 2023-05-04');
    expect(english).toContain('Lena Range (Foreign Minister)');
    expect(english).toMatch(/Travelling for\s*Tunisia/);
    expect(await page.locator('#details .places a, #details .places button').allTextContents()).toEqual(['Algiers', 'Tlemcen']);
    expect(await page.locator('#details .notes li').allTextContents()).toEqual(expect.arrayContaining([
      expect.stringContaining('Talks on the shared border'), expect.stringContaining('Energy and gas prices'),
    ]));

    await page.click('#lang');
    await idle(page);
    const arabic = await facts();
    expect(arabic).toContain('نيابةً عن');
    expect(arabic).toContain('الأماكن');
    expect(arabic).toContain('ما تقوله المصادر');
    expect(arabic).toContain('2023-05-02 – 2023-05-04');
    await page.click('#lang');
    await idle(page);

    // Its meeting lists the principals with the roles they held.
    const meetingId = first.data!.recordVisit.visit.meetings[0]!.id;
    const meeting = await open(`/?focus=${encodeURIComponent(meetingId)}`);
    await expect.poll(() => meeting.getAttribute('#details', 'data-entity')).toBe(meetingId);
    expect(await meeting.locator('#details .participants li').allTextContents()).toEqual(expect.arrayContaining(['Abdelmadjid Tebboune (President)', 'Lena Range (Foreign Minister)']));
  });

  it('shows an error from the API in the page', async () => {
    const page = await open('/');
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string };
      if (body.operationName === 'ExplorerSearch') {
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'search is down for maintenance' }] }) });
      } else {
        await route.continue();
      }
    });
    await page.locator('#search').pressSequentially('Esper', { delay: 20 });
    await page.waitForSelector('#errors:not([hidden])');
    expect(await page.textContent('#errors')).toContain('search is down for maintenance');
    // Every keystroke's search has answered before the message is dismissed (a late one would show it again).
    await idle(page);
    await page.click('#errors-dismiss');
    await expect.poll(() => page.locator('#errors').isHidden()).toBe(true);
  });

  it('logged no console errors, and took its data from POST /graphql only', () => {
    expect(watched.length).toBeGreaterThan(0);
    for (const { problems, requests } of watched) {
      expect(problems).toEqual([]);
      for (const request of requests) {
        const url = new URL(request.url);
        if (url.protocol === 'data:') continue;
        expect(url.origin).toBe(server.url);
        if (request.resourceType === 'fetch' || request.resourceType === 'xhr') {
          expect(`${request.method} ${url.pathname}`).toBe('POST /graphql');
        } else {
          expect(request.method).toBe('GET');
          expect(url.pathname === '/' || url.pathname.startsWith('/assets/')).toBe(true);
        }
      }
    }
  });
});
