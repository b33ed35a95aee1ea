// datus-edge playground: a client of the public API, nothing more. Vanilla JS, no build step.
// The token lives in this closure only (never in storage); every call goes through `api()`.

(() => {
  const $ = (id) => document.getElementById(id);
  const PAGE_SIZE = 25;
  const FINISHED = new Set(["completed", "failed", "cancelled"]);
  const MAX_RESUMES = 5;

  const state = {
    token: null,
    expiresAt: 0,
    clientId: "",
    taskId: null,
    lastEventId: 0,
    retryMs: 3000,
    stream: null, // AbortController of the stream being read
    status: null,
    rows: [],
    columns: [],
    page: 0,
    chart: null,
    sql: "",
    attempts: 0,
    conversationId: null, // the conversation follow-ups continue (issue 16); null: the next question starts one
    turn: null, // the thread's <li> of the question being answered
    chartSpec: null, // metadata.chart: the Vega-Lite spec the service chose
  };

  // ---------- small helpers ----------
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const show = (node, visible = true) => {
    node.hidden = !visible;
  };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });
  const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
  const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`);

  class HttpError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** Problem details (RFC 9457) or an OAuth error body, in words. */
  async function errorFrom(res) {
    let message = `${res.status} ${res.statusText || "error"}`;
    try {
      const body = await res.json();
      message = body.detail || body.error_description || body.title || message;
      if (Array.isArray(body.errors) && body.errors.length)
        message += ` (${body.errors.map((e) => `${e.path}: ${e.message}`).join("; ")})`;
    } catch {
      /* not JSON: keep the status line */
    }
    return new HttpError(res.status, message);
  }

  async function api(path, { method = "GET", json, headers = {}, signal } = {}) {
    if (!state.token || Date.now() >= state.expiresAt) {
      signOut("Your session has expired: sign in again.");
      throw new HttpError(401, "Not signed in");
    }
    const init = {
      method,
      signal,
      headers: { accept: "application/json", authorization: `Bearer ${state.token}`, ...headers },
    };
    if (json !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(json);
    }
    const res = await fetch(path, init);
    if (res.ok) return res;
    const error = await errorFrom(res);
    if (res.status === 401) signOut("Your session is no longer valid: sign in again.");
    throw error;
  }

  // ---------- Server-Sent Events over fetch ----------
  /** Yields {id, event, data} frames from a text/event-stream body (WHATWG SSE parsing rules). */
  async function* sseFrames(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let frame = { id: null, event: "", data: [] };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        // A trailing "\r" may be the first half of "\r\n": keep it for the next chunk.
        const cut = buffer.endsWith("\r") ? buffer.length - 1 : buffer.length;
        const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/);
        buffer = lines.pop() + buffer.slice(cut);
        for (const line of lines) {
          if (line === "") {
            if (frame.data.length) yield { id: frame.id, event: frame.event || "message", data: frame.data.join("\n") };
            frame = { id: frame.id, event: "", data: [] };
            continue;
          }
          if (line.startsWith(":")) continue; // comment: heartbeat
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? "" : line.slice(colon + 1);
          if (value.startsWith(" ")) value = value.slice(1);
          if (field === "data") frame.data.push(value);
          else if (field === "event") frame.event = value;
          else if (field === "id" && !value.includes("\0")) frame.id = value;
          else if (field === "retry" && /^\d+$/.test(value)) state.retryMs = Number(value);
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /**
   * Reads a task's stream until `done`. If it breaks off first (network, server stream lifetime),
   * resumes with GET /workflows/tasks/{id}/events and Last-Event-ID: nothing is lost or repeated.
   */
  async function follow(res, controller) {
    for (let resumes = 0; ; resumes++) {
      let finished = false;
      if (res.status !== 204) {
        try {
          for await (const frame of sseFrames(res.body)) {
            if (frame.id !== null && /^\d+$/.test(frame.id)) state.lastEventId = Number(frame.id);
            let data;
            try {
              data = JSON.parse(frame.data);
            } catch {
              continue;
            }
            onEvent(frame.event, data);
            if (frame.event === "done") finished = true;
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          if (resumes >= MAX_RESUMES) throw error;
        }
      } else {
        finished = true; // 204: finished and everything was delivered
      }
      if (finished || controller.signal.aborted) return;
      if (!state.taskId || resumes >= MAX_RESUMES)
        throw new Error("The event stream broke off; reopen the task from Recent tasks to resume it.");
      setProgressText(`Connection interrupted — resuming after event ${state.lastEventId}…`);
      await sleep(Math.min(state.retryMs, 5000));
      if (controller.signal.aborted) return;
      res = await api(`/workflows/tasks/${encodeURIComponent(state.taskId)}/events`, {
        headers: { accept: "text/event-stream", "last-event-id": String(state.lastEventId) },
        signal: controller.signal,
      });
    }
  }

  function startStream() {
    state.stream?.abort();
    const controller = new AbortController();
    state.stream = controller;
    return controller;
  }

  async function runStream(open) {
    const controller = startStream();
    setRunning(true);
    try {
      const res = await open(controller.signal);
      await follow(res, controller);
    } catch (error) {
      if (controller.signal.aborted) return;
      showTaskError(error.message);
      if (!FINISHED.has(state.status)) setStatus(state.taskId ? "interrupted" : "failed");
    } finally {
      if (state.stream === controller) {
        state.stream = null;
        setRunning(false);
      }
    }
  }

  // ---------- sign in / out ----------
  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    const clientId = $("client-id").value.trim();
    const secret = $("client-secret").value;
    const errorBox = $("sign-in-error");
    show(errorBox, false);
    const button = event.submitter ?? event.target.querySelector("button");
    button.disabled = true;
    try {
      const res = await fetch("/auth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
      });
      if (!res.ok) throw await errorFrom(res);
      const token = await res.json();
      state.token = token.access_token;
      state.expiresAt = Date.now() + (token.expires_in - 30) * 1000;
      state.clientId = clientId;
      $("client-secret").value = "";
      signedIn();
    } catch (error) {
      errorBox.textContent = `Sign-in failed: ${error.message}`;
      show(errorBox);
    } finally {
      button.disabled = false;
    }
  });

  async function signedIn() {
    const until = new Date(state.expiresAt + 30_000).toLocaleTimeString(undefined, {
      hour: "2-digit",
      minute: "2-digit",
    });
    $("session").textContent = `Signed in as ${state.clientId} (token valid until ${until})`;
    show($("sign-out"));
    show($("sign-in-panel"), false);
    $("ask-fields").disabled = false;
    $("refresh-tasks").disabled = false;
    $("question").focus();
    await Promise.all([loadNamespaces(), loadTasks()]);
  }

  function signOut(reason = "") {
    state.stream?.abort();
    state.stream = null;
    state.token = null;
    state.expiresAt = 0;
    $("session").textContent = reason || "Not signed in";
    show($("sign-out"), false);
    show($("sign-in-panel"));
    $("ask-fields").disabled = true;
    $("refresh-tasks").disabled = true;
    $("recent").replaceChildren();
    $("recent-empty").textContent = "Sign in to see your tasks.";
    show($("recent-empty"));
    setRunning(false);
    if (reason) {
      $("sign-in-error").textContent = reason;
      show($("sign-in-error"));
    }
    $("client-secret").focus();
  }
  $("sign-out").addEventListener("click", () => {
    resetView();
    signOut();
  });

  async function loadNamespaces() {
    const select = $("namespace");
    try {
      const { namespaces } = await (await api("/namespaces")).json();
      const previous = select.value;
      select.replaceChildren(
        ...namespaces.map((ns) => el("option", { value: ns.name, text: `${ns.name} (${ns.kind}, ${ns.database})` })),
      );
      const preferred =
        namespaces.find((ns) => ns.name === previous) ?? namespaces.find((ns) => ns.name === "demo") ?? namespaces[0];
      if (preferred) select.value = preferred.name;
    } catch (error) {
      select.replaceChildren(el("option", { value: "", text: `Could not load namespaces: ${error.message}` }));
    }
  }

  // ---------- recent tasks ----------
  async function loadTasks() {
    const list = $("recent");
    const empty = $("recent-empty");
    try {
      const { tasks } = await (await api("/workflows/tasks?limit=15")).json();
      list.replaceChildren(
        ...tasks.map((task) =>
          el(
            "li",
            {},
            el(
              "button",
              {
                type: "button",
                "data-task-id": task.task_id,
                "aria-current": task.task_id === state.taskId ? "true" : null,
                onclick: () => reopen(task.task_id),
              },
              el("span", { class: "q", text: task.task }),
              el(
                "span",
                { class: "meta" },
                el("span", { class: `badge s-${task.status}`, text: task.status }),
                el("span", {
                  text: `${task.namespace} · ${task.workflow} · ${dateTime.format(new Date(task.created_at))}`,
                }),
              ),
            ),
          ),
        ),
      );
      empty.textContent = "No tasks yet: ask a question.";
      show(empty, tasks.length === 0);
    } catch (error) {
      list.replaceChildren();
      empty.textContent = `Could not load tasks: ${error.message}`;
      show(empty);
    }
  }
  $("refresh-tasks").addEventListener("click", loadTasks);

  function markCurrentTask() {
    for (const button of $("recent").querySelectorAll("button[data-task-id]")) {
      if (button.dataset.taskId === state.taskId) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  }

  /** Shows a task again: its stored events are replayed (then followed live while it still runs). */
  async function reopen(taskId) {
    const resumeInPlace = taskId === state.taskId && !state.stream && !FINISHED.has(state.status);
    let task;
    try {
      task = await (await api(`/workflows/tasks/${encodeURIComponent(taskId)}`)).json();
    } catch (error) {
      resetView();
      show($("progress-panel"));
      showTaskError(`Could not open task ${taskId}: ${error.message}`);
      return;
    }
    $("question").value = task.task;
    if ([...$("namespace").options].some((o) => o.value === task.namespace)) $("namespace").value = task.namespace;
    $("workflow").value = task.workflow;
    if (!resumeInPlace) {
      resetView();
      state.taskId = task.task_id;
      state.lastEventId = 0;
      $("task-id").textContent = task.task_id;
    }
    show($("progress-panel"));
    setStatus(task.status);
    markCurrentTask();
    $("progress-panel").scrollIntoView({ block: "start" });
    setProgressText(
      FINISHED.has(task.status) ? `Reopened a ${task.status} task` : `Task is ${task.status}: following its events…`,
    );
    await runStream((signal) =>
      api(`/workflows/tasks/${encodeURIComponent(task.task_id)}/events`, {
        headers: { accept: "text/event-stream", "last-event-id": String(state.lastEventId) },
        signal,
      }),
    );
    // No stored events to replay (an older task): the status view still has the answer.
    if (FINISHED.has(task.status) && state.status !== task.status) {
      show($("task-error"), false);
      $("nodes").replaceChildren();
      renderTaskView(task);
    }
  }

  function renderTaskView(task) {
    setStatus(task.status);
    const timings = task.metadata?.node_timings || {};
    for (const [node, elapsed] of Object.entries(timings)) nodeRow(node, "completed", elapsed);
    if (task.metadata?.tables_found?.length) showTables({ tables_found: task.metadata.tables_found });
    if (task.sql) showSql(task.sql);
    if (task.result) showResult(task.result, task.metadata ?? {});
    if (task.error) showTaskError(task.error);
    if (task.metadata?.clarification) showClarification(task.metadata.clarification);
    $("progress-bar").value = 100;
    show($("feedback-panel"));
  }

  // ---------- running a question ----------
  $("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = {
      workflow: $("workflow").value,
      namespace: $("namespace").value,
      task: $("question").value.trim(),
      mode: "async",
    };
    if (!body.task) return $("question").focus();
    body.conversation_id = state.conversationId ?? "new";
    if ($("current-date").value) body.current_date = $("current-date").value;
    const knowledge = $("knowledge").value.trim();
    if (knowledge) body.ext_knowledge = knowledge;
    resetView();
    addTurn(body.task);
    show($("progress-panel"));
    setStatus("pending");
    setProgressText("Submitting…");
    runStream((signal) =>
      api("/workflows/run", { method: "POST", json: body, headers: { accept: "text/event-stream" }, signal }),
    ).then(() => loadTasks());
  });

  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("ask-form").requestSubmit();
  });

  $("cancel").addEventListener("click", async () => {
    if (!state.taskId) return;
    $("cancel").disabled = true;
    try {
      await api(`/workflows/tasks/${encodeURIComponent(state.taskId)}/cancel`, { method: "POST" });
      setProgressText("Cancelling…");
    } catch (error) {
      showTaskError(`Could not cancel: ${error.message}`);
    } finally {
      $("cancel").disabled = false;
    }
  });

  function setRunning(running) {
    $("run").disabled = running;
    $("run").textContent = running ? "Running…" : "Run";
    show($("cancel"), running && Boolean(state.taskId));
  }

  function setStatus(status) {
    state.status = status;
    const badge = $("task-status");
    badge.textContent = status;
    badge.className = `badge s-${status}`;
  }

  function setProgressText(text) {
    $("progress-text").textContent = text;
  }

  function resetView() {
    state.stream?.abort();
    state.stream = null;
    state.taskId = null;
    state.lastEventId = 0;
    state.status = null;
    state.rows = [];
    state.columns = [];
    state.page = 0;
    state.sql = "";
    state.attempts = 0;
    state.chart?.destroy();
    state.chart = null;
    state.chartSpec = null;
    $("task-id").textContent = "";
    $("progress-bar").value = 0;
    setProgressText("");
    $("nodes").replaceChildren();
    $("tables").replaceChildren();
    $("rounds").replaceChildren();
    for (const id of [
      "tables-box",
      "matched-values",
      "rounds-box",
      "task-error",
      "sql-panel",
      "result-panel",
      "feedback-panel",
      "chart-box",
      "explanation",
      "clarification-box",
      "suggestions-box",
      "assumptions-box",
    ])
      show($(id), false);
    $("feedback-status").textContent = "";
    $("feedback-status").className = "live";
    $("corrected-sql").value = "";
    $("feedback-comment").value = "";
    $("copy-status").textContent = "";
    setRunning(false);
  }

  // ---------- events ----------
  function onEvent(name, data) {
    switch (name) {
      case "started":
        state.taskId = data.task_id;
        $("task-id").textContent = data.task_id;
        setStatus("running");
        show($("cancel"));
        markCurrentTask();
        break;
      case "progress":
        $("progress-bar").value = data.progress;
        setProgressText(data.message);
        break;
      case "node_progress":
        $("progress-bar").value = data.progress;
        nodeRow(data.node, data.status, data.elapsed_ms);
        setProgressText(`${data.node}: ${data.status}`);
        break;
      case "node_detail":
        if (data.details?.conversation_id) joinConversation(data.details);
        else if (data.node === "schema_linking") showTables(data.details ?? {});
        else if (data.node === "reflect") addRound(data);
        else noteOnNode(data.node, data.description);
        break;
      case "sql_generated":
        state.attempts++;
        showSql(data.sql);
        if (data.round) noteOnNode("generate_sql", `Round ${data.round}: new SQL`);
        break;
      case "execution_complete":
        noteOnNode(
          "execute_sql",
          data.status === "success"
            ? `${data.row_count ?? data.rows_affected} rows in ${ms(data.exec_time_ms ?? data.execution_time * 1000)}${data.truncated ? " (truncated)" : ""}`
            : `Failed: ${data.error ?? "execution error"}`,
        );
        break;
      case "output_ready":
        showResult(data.result ?? [], data.metadata ?? {});
        break;
      case "error":
        showTaskError(data.node ? `${data.error} (at ${data.node})` : data.error);
        if (data.clarification) showClarification(data.clarification);
        break;
      case "done":
        setStatus(data.status);
        $("progress-bar").value = 100;
        setProgressText(
          data.status === "completed"
            ? `Completed in ${data.total_time.toFixed(2)} s${state.rows.length ? ` — ${state.rows.length} rows` : ""}`
            : `Task ${data.status} after ${data.total_time.toFixed(2)} s`,
        );
        show($("cancel"), false);
        show($("feedback-panel"));
        endTurn(data.status);
        break;
    }
  }

  // ---------- conversation (issue 16) ----------
  function addTurn(question) {
    state.turn = el("li", { class: "current" }, el("p", { class: "asked", text: question }));
    for (const li of $("thread").querySelectorAll("li.current")) li.classList.remove("current");
    $("thread").append(state.turn);
    show($("thread-panel"));
  }

  function joinConversation(details) {
    state.conversationId = details.conversation_id;
    if (state.turn && details.read_as)
      state.turn.append(el("p", { class: "read", text: `Read as: ${details.read_as}` }));
  }

  function endTurn(status) {
    if (!state.turn) return;
    const outcome =
      status === "completed"
        ? `${state.rows.length} row${state.rows.length === 1 ? "" : "s"}`
        : status === "failed" && !$("clarification-box").hidden
          ? "asked back: choose below"
          : status;
    state.turn.append(el("p", { class: "outcome", text: outcome }));
  }

  /** One click asks it: a suggestion, or a clarification's option (answered in the same conversation). */
  function askNow(question) {
    $("question").value = question;
    $("ask-form").requestSubmit();
  }

  function buttons(box, labels, describe) {
    $(box).replaceChildren(
      ...labels.map((label) =>
        el(
          "button",
          { type: "button", class: "secondary", title: describe?.(label), onclick: () => askNow(label) },
          label,
        ),
      ),
    );
  }

  function showClarification(clarification) {
    const details = new Map(clarification.options.map((o) => [o.label, o.detail]));
    buttons(
      "clarification-options",
      clarification.options.map((o) => o.label),
      (label) => details.get(label),
    );
    $("clarification-title").textContent = clarification.question;
    show($("clarification-box"));
  }

  function showExplanation(metadata) {
    if (metadata.conversation_id) state.conversationId = metadata.conversation_id;
    const assumptions = metadata.assumptions ?? [];
    $("assumptions").replaceChildren(...assumptions.map((a) => el("li", { text: a })));
    show($("assumptions-box"), assumptions.length > 0);
    const suggestions = metadata.suggestions ?? [];
    buttons("suggestions", suggestions);
    show($("suggestions-box"), suggestions.length > 0);
    if (state.turn && metadata.read_as && !state.turn.querySelector(".read"))
      state.turn.append(el("p", { class: "read", text: `Read as: ${metadata.read_as}` }));
  }

  $("new-conversation").addEventListener("click", () => {
    state.conversationId = null;
    state.turn = null;
    $("thread").replaceChildren();
    show($("thread-panel"), false);
    $("question").value = "";
    $("question").focus();
  });

  /** A row per node execution: `processing` opens one, later states update the latest of that node. */
  function nodeRow(node, status, elapsedMs) {
    const rows = $("nodes").querySelectorAll(`li[data-node="${CSS.escape(node)}"]`);
    let row = rows[rows.length - 1];
    // A finishing state updates the node's open row; anything else starts a new row.
    if (!(row && status !== "processing" && row.dataset.status === "processing")) {
      row = el(
        "li",
        { "data-node": node },
        el("span", { class: "name", text: node }),
        el("span", { class: "badge" }),
        el("span", { class: "time" }),
      );
      $("nodes").append(row);
    }
    row.dataset.status = status;
    const badge = row.querySelector(".badge");
    badge.textContent = status;
    badge.className = `badge s-${status}`;
    row.querySelector(".time").textContent =
      typeof elapsedMs === "number" ? ms(elapsedMs) : status === "processing" ? "…" : "";
  }

  function noteOnNode(node, text) {
    const rows = $("nodes").querySelectorAll(`li[data-node="${CSS.escape(node)}"]`);
    const row = rows[rows.length - 1];
    if (!row || !text) return;
    let note = row.querySelector(".note");
    if (!note) {
      note = el("span", { class: "note" });
      row.append(note);
    }
    note.textContent = text;
  }

  function showTables(details) {
    const tables = details.tables_found ?? [];
    const columns = details.columns ?? {};
    $("tables").replaceChildren(
      ...tables.map((name) =>
        el("li", { title: columns[name] ? `Columns: ${columns[name].join(", ")}` : null, text: name }),
      ),
    );
    const values = details.matched_values ?? [];
    $("matched-values").textContent = values.length
      ? `Matched values: ${values.map((v) => `${v.table}.${v.column} = “${v.value}”`).join(", ")}`
      : "";
    show($("matched-values"), values.length > 0);
    show($("tables-box"), tables.length > 0);
  }

  function addRound(data) {
    const details = data.details ?? {};
    const item = el(
      "li",
      {},
      el("strong", { text: data.description }),
      details.reason ? el("div", { class: "hint", text: `${details.verdict}: ${details.reason}` }) : null,
      state.sql
        ? el(
            "details",
            {},
            el("summary", { text: "SQL of the attempt" }),
            el("pre", { class: "sql" }, highlightSql(state.sql)),
          )
        : null,
    );
    $("rounds").append(item);
    show($("rounds-box"));
  }

  function showTaskError(message) {
    const box = $("task-error");
    box.textContent = message;
    show(box);
    show($("progress-panel"));
  }

  // ---------- SQL ----------
  const SQL_KEYWORDS =
    "select|from|where|group|by|order|having|limit|offset|join|inner|left|right|full|outer|cross|on|using|as|and|or|not|in|is|null|like|ilike|between|case|when|then|else|end|distinct|union|all|intersect|except|with|asc|desc|nulls|first|last|over|partition|window|filter|interval|true|false|exists|any|some|cast|lateral|recursive|values|rows|range|preceding|following|unbounded|current|row|fetch|next|only";
  const SQL_TOKENS = new RegExp(
    String.raw`(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*')|("(?:[^"]|"")*")|\b(\d+(?:\.\d+)?)\b|\b(${SQL_KEYWORDS})\b|\b([a-z_][a-z0-9_]*)(?=\s*\()`,
    "gi",
  );
  const TOKEN_CLASSES = [null, "tok-comment", "tok-str", null, "tok-num", "tok-kw", "tok-fn"];

  /** A DocumentFragment of text and <span class="tok-…"> nodes: no HTML strings involved. */
  function highlightSql(sql) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of sql.matchAll(SQL_TOKENS)) {
      const group = match.findIndex((part, i) => i > 0 && part !== undefined);
      if (match.index > last) fragment.append(sql.slice(last, match.index));
      const cls = TOKEN_CLASSES[group];
      fragment.append(cls ? el("span", { class: cls, text: match[0] }) : match[0]);
      last = match.index + match[0].length;
    }
    fragment.append(sql.slice(last));
    return fragment;
  }

  function showSql(sql) {
    state.sql = sql;
    $("sql").replaceChildren(highlightSql(sql));
    $("copy-status").textContent = "";
    show($("sql-panel"));
  }

  $("copy-sql").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(state.sql);
      $("copy-status").textContent = "SQL copied to the clipboard.";
    } catch {
      const range = document.createRange();
      range.selectNodeContents($("sql"));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      $("copy-status").textContent = "The clipboard is not available here: the SQL is selected, copy it with Ctrl+C.";
    }
  });

  // ---------- result table ----------
  function showResult(rows, metadata) {
    state.rows = rows;
    const columns = new Set();
    for (const row of rows.slice(0, 1000)) for (const key of Object.keys(row)) columns.add(key);
    state.columns = [...columns];
    state.page = 0;
    const parts = [`${rows.length} row${rows.length === 1 ? "" : "s"}`];
    if (metadata.truncated)
      parts.push(
        metadata.truncated_by === "max_result_bytes"
          ? "truncated at the namespace's result size limit"
          : "truncated at the namespace's row limit",
      );
    if (typeof metadata.sql_execution_ms === "number") parts.push(`SQL ran in ${ms(metadata.sql_execution_ms)}`);
    if (metadata.reflection_rounds)
      parts.push(`${metadata.reflection_rounds} reflection round${metadata.reflection_rounds === 1 ? "" : "s"}`);
    if (metadata.example_used) parts.push("answered from a verified example");
    if (metadata.llm_usage)
      parts.push(`${metadata.llm_usage.input_tokens + metadata.llm_usage.output_tokens} LLM tokens`);
    $("result-summary").textContent = parts.join(" · ");
    if (metadata.explanation) {
      $("explanation").textContent = metadata.explanation;
      show($("explanation"));
    }
    state.chartSpec = metadata.chart ?? null;
    showExplanation(metadata);
    show($("result-panel"));
    renderPage();
    renderChart();
  }

  function cell(value) {
    if (value === null || value === undefined) return el("td", { class: "null", text: "null" });
    if (typeof value === "number") return el("td", { class: "num", text: numberFormat.format(value) });
    if (typeof value === "object") return el("td", { text: JSON.stringify(value) });
    return el("td", { text: String(value) });
  }

  function renderPage() {
    const { rows, columns } = state;
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    const start = state.page * PAGE_SIZE;
    const slice = rows.slice(start, start + PAGE_SIZE);
    $("result-table").replaceChildren(
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          columns.map((name) => el("th", { scope: "col", text: name })),
        ),
      ),
      el(
        "tbody",
        {},
        slice.map((row) =>
          el(
            "tr",
            {},
            columns.map((name) => cell(row[name])),
          ),
        ),
      ),
    );
    $("page-info").textContent = rows.length
      ? `Rows ${start + 1}–${start + slice.length} of ${rows.length} (page ${state.page + 1} of ${pages})`
      : "No rows";
    $("prev-page").disabled = state.page === 0;
    $("next-page").disabled = state.page >= pages - 1;
  }
  $("prev-page").addEventListener("click", () => {
    state.page--;
    renderPage();
  });
  $("next-page").addEventListener("click", () => {
    state.page++;
    renderPage();
  });

  // ---------- automatic chart ----------
  const ISO_DATE = /^\d{4}-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?)?$/;
  const TIME_NAME = /(^|_)(date|day|week|month|quarter|year|time|period)(_|$)/i;
  const ID_NAME = /(^|_)id$/i;
  // Tableau 10: colours that stay apart from each other (and for most colour-blind readers).
  const PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
  ];

  function columnKind(name, values) {
    const present = values.filter((v) => v !== null && v !== undefined);
    if (present.length === 0) return "empty";
    if (present.every((v) => typeof v === "number")) {
      if (TIME_NAME.test(name) && present.every((v) => Number.isInteger(v) && v > 1900 && v < 2200)) return "time";
      return ID_NAME.test(name) ? "category" : "number";
    }
    if (present.every((v) => typeof v === "string" && ISO_DATE.test(v))) return "time";
    if (present.every((v) => typeof v === "string" || typeof v === "boolean")) return "category";
    return "other";
  }

  const timeLabel = (value) =>
    typeof value === "string" ? value.replace(/[T ]00:00:00(\.0+)?(Z|\+00(:?00)?)?$/, "") : String(value);
  /** Monthly buckets read better as "2024-03" than "2024-03-01". */
  const shortenMonths = (labels) =>
    labels.every((l) => /^\d{4}-\d{2}-01$/.test(l)) ? labels.map((l) => l.slice(0, 7)) : labels;

  /**
   * A time column and measures → lines (one per category when a small category column is present);
   * one category column and measures, a bar per category → bars; anything else → no chart.
   */
  function chooseChart(columns, rows) {
    if (rows.length < 2) return null;
    const kinds = columns.map((name) => ({
      name,
      kind: columnKind(
        name,
        rows.map((r) => r[name]),
      ),
    }));
    const of = (kind) => kinds.filter((k) => k.kind === kind).map((k) => k.name);
    const [times, numbers, categories, others] = [of("time"), of("number"), of("category"), of("other")];
    if (numbers.length === 0 || others.length > 0) return null;

    if (times.length === 1 && categories.length <= 1) {
      const time = times[0];
      const labels = [...new Set(rows.map((r) => timeLabel(r[time])))].sort();
      if (categories.length === 1) {
        const category = categories[0];
        const measure = numbers[0];
        const groups = [...new Set(rows.map((r) => String(r[category])))];
        if (groups.length > PALETTE.length) return null;
        const datasets = groups.map((group) => {
          const byLabel = new Map(
            rows.filter((r) => String(r[category]) === group).map((r) => [timeLabel(r[time]), r[measure]]),
          );
          return { label: group, data: labels.map((l) => byLabel.get(l) ?? null) };
        });
        return {
          type: "line",
          labels: shortenMonths(labels),
          datasets,
          description: `Line chart of ${measure} by ${time}, one line per ${category}`,
        };
      }
      const sorted = [...rows].sort((a, b) => (timeLabel(a[time]) < timeLabel(b[time]) ? -1 : 1));
      const measures = numbers.slice(0, 4);
      return {
        type: "line",
        labels: shortenMonths(sorted.map((r) => timeLabel(r[time]))),
        datasets: measures.map((m) => ({ label: m, data: sorted.map((r) => r[m]) })),
        description: `Line chart of ${measures.join(", ")} by ${time}`,
      };
    }

    if (times.length === 0 && categories.length === 1 && rows.length <= 50) {
      const category = categories[0];
      const labels = rows.map((r) => String(r[category]));
      if (new Set(labels).size !== labels.length) return null;
      const measures = numbers.slice(0, 3);
      return {
        type: "bar",
        labels,
        datasets: measures.map((m) => ({ label: m, data: rows.map((r) => r[m]) })),
        description: `Bar chart of ${measures.join(", ")} by ${category}`,
      };
    }
    return null;
  }

  /**
   * metadata.chart (a Vega-Lite spec over the result's columns, data by reference) as the Chart.js
   * datasets this page draws: the x field's values as labels, one dataset per colour or folded measure.
   */
  function chartFromSpec(spec, rows) {
    const enc = spec.encoding ?? {};
    const x = enc.x?.field;
    if (!x || rows.length === 0) return null;
    const type = spec.mark?.type === "bar" ? "bar" : "line";
    const temporal = enc.x.type === "temporal" || enc.x.type === "ordinal";
    const fold = spec.transform?.find((t) => t.fold)?.fold;
    const xs = [...new Set(rows.map((r) => (temporal ? timeLabel(r[x]) : String(r[x]))))];
    const labels = temporal ? xs.sort() : xs;
    const at = (r) => labels.indexOf(temporal ? timeLabel(r[x]) : String(r[x]));
    let datasets;
    if (fold) {
      datasets = fold.map((m) => {
        const data = labels.map(() => null);
        for (const r of rows) data[at(r)] = r[m];
        return { label: m, data };
      });
    } else if (enc.color?.field) {
      const series = [...new Set(rows.map((r) => String(r[enc.color.field])))];
      datasets = series.map((group) => {
        const data = labels.map(() => null);
        for (const r of rows.filter((row) => String(row[enc.color.field]) === group)) data[at(r)] = r[enc.y.field];
        return { label: group, data };
      });
    } else {
      const data = labels.map(() => null);
      for (const r of rows) data[at(r)] = r[enc.y?.field];
      datasets = [{ label: enc.y?.field, data }];
    }
    return { type, labels: temporal ? shortenMonths(labels) : labels, datasets, description: spec.description };
  }

  function renderChart() {
    state.chart?.destroy();
    state.chart = null;
    const box = $("chart-box");
    const spec = state.chartSpec ? chartFromSpec(state.chartSpec, state.rows) : chooseChart(state.columns, state.rows);
    if (!spec || typeof window.Chart !== "function") {
      show(box, false);
      return;
    }
    show(box);
    const styles = getComputedStyle(document.documentElement);
    window.Chart.defaults.color = styles.getPropertyValue("--muted").trim() || "#5b6475";
    window.Chart.defaults.borderColor = styles.getPropertyValue("--border").trim() || "#d8dce3";
    const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const datasets = spec.datasets.map((d, i) => ({
      ...d,
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: spec.type === "bar" ? `${PALETTE[i % PALETTE.length]}cc` : PALETTE[i % PALETTE.length],
      borderWidth: 2,
      pointRadius: spec.labels.length > 60 ? 0 : 2,
      tension: 0.2,
      spanGaps: true,
    }));
    state.chart = new window.Chart($("chart"), {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 300 },
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom", display: datasets.length > 1 } },
        scales: {
          x: {
            ticks: {
              maxRotation: spec.type === "bar" ? 50 : 0,
              autoSkip: true,
              maxTicksLimit: window.innerWidth < 600 ? 6 : 12,
            },
          },
          y: { beginAtZero: spec.type === "bar" },
        },
      },
    });
    $("chart").setAttribute("aria-label", spec.description);
    $("chart-caption").textContent = `${spec.description}. The table below has the exact values.`;
  }

  // ---------- feedback ----------
  for (const id of ["feedback-good", "feedback-bad"]) {
    $(id).addEventListener("click", async (event) => {
      const status = event.currentTarget.dataset.status;
      const out = $("feedback-status");
      if (!state.taskId) return;
      const body = { task_id: state.taskId, status };
      const corrected = $("corrected-sql").value.trim();
      const comment = $("feedback-comment").value.trim();
      if (corrected) body.corrected_sql = corrected;
      if (comment) body.comment = comment;
      out.className = "live";
      out.textContent = "Sending feedback…";
      try {
        const answer = await (await api("/workflows/feedback", { method: "POST", json: body })).json();
        out.className = "live success";
        out.textContent = `Thanks — feedback recorded (${status === "success" ? "correct" : "wrong"}) at ${dateTime.format(new Date(answer.recorded_at))}.`;
      } catch (error) {
        out.className = "live error";
        out.textContent = `Feedback was not recorded: ${error.message}`;
      }
    });
  }

  $("client-secret").focus();
})();
