extension PageTemplates {
    /// The error page and the style sheet (the layout is ``Pages/layout(title:body:context:project:seesMoney:)``).
    static let layout: [String: String] = [
        "error": """
        <h1>{{status}}</h1>
        <p class="message">{{message}}</p>
        <p><a href="/">Back to the start</a></p>
        """
    ]

    /// The style sheet every page links (`/style.css`).
    static let styleSheet = """
        :root { --ink: #1d1d1f; --muted: #6e6e73; --line: #d2d2d7; --accent: #b4232a; --good: #1e7f4f;
          --warn: #a15c00; --paper: #fbfbfd; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
        body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.45; }
        .bar { display: flex; gap: 1.2rem; align-items: center; padding: .7rem 1.4rem; border-bottom: 1px solid var(--line);
          background: #fff; }
        .bar nav { margin-left: auto; display: flex; gap: 1rem; align-items: center; }
        .brand { font-weight: 700; color: var(--accent); text-decoration: none; }
        .here { font-weight: 600; color: var(--ink); text-decoration: none; }
        nav.project { display: flex; flex-wrap: wrap; gap: 1rem; padding: .5rem 1.4rem; border-bottom: 1px solid var(--line);
          background: #fff; font-size: .95rem; }
        main { max-width: 62rem; margin: 1.5rem auto; padding: 0 1.4rem; }
        h1 { font-size: 1.6rem; margin: .2rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
        a { color: var(--accent); }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; color: var(--muted); font-size: .85rem; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        form.inline { display: inline; }
        form.card, .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem;
          margin: 1rem 0; }
        label { display: block; margin: .5rem 0 .2rem; font-size: .9rem; color: var(--muted); }
        input, select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 6px; }
        textarea { width: 100%; min-height: 4rem; box-sizing: border-box; }
        button { font: inherit; padding: .35rem .9rem; border-radius: 6px; border: 1px solid var(--accent);
          background: var(--accent); color: #fff; cursor: pointer; }
        button.link { background: none; border: none; color: var(--accent); padding: 0; }
        .message { font-size: 1.1rem; }
        .muted { color: var(--muted); }
        .good { color: var(--good); }
        .warn { color: var(--warn); }
        .bad { color: var(--accent); }
        .notice { border-left: 4px solid var(--accent); padding: .4rem .8rem; background: #fff; }
        .waveform { width: 100%; height: 96px; display: block; background: #fff; border: 1px solid var(--line);
          border-radius: 6px; }
        .waveform .wave { fill: #8e8e93; }
        .waveform .range { fill: rgba(180, 35, 42, .18); }
        .waveform .cursor { stroke: var(--accent); stroke-width: 2; }
        .thread { margin-left: 1.4rem; border-left: 2px solid var(--line); padding-left: .8rem; }
        .calendar td { min-width: 6rem; height: 3rem; font-size: .85rem; }
        .hold { background: #fff4e0; }
        .confirmed { background: #e6f4ec; }
        """
}
