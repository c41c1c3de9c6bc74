extension PageTemplates {
    /// The accounts pages: sign up and sign in.
    static let accounts: [String: String] = [
        "sign-up": """
        <h1>Sign up</h1>
        {{#problem}}<p class="notice" role="alert">{{problem}}</p>{{/problem}}
        <form method="post" action="/sign-up" class="card">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <input type="hidden" name="next" value="{{next}}">
          <label for="name">Your name</label>
          <input id="name" name="name" value="{{name}}" required maxlength="100" autocomplete="name">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" value="{{email}}" required autocomplete="email">
          <label for="password">Password (at least 10 characters)</label>
          <input id="password" name="password" type="password" required minlength="10" autocomplete="new-password">
          <p><button type="submit">Sign up</button></p>
        </form>
        <p class="muted">Already have an account? <a href="/sign-in{{#next}}?next={{next}}{{/next}}">Sign in</a>.</p>
        """,
        "sign-in": """
        <h1>Sign in</h1>
        {{#problem}}<p class="notice" role="alert">{{problem}}</p>{{/problem}}
        <form method="post" action="/sign-in" class="card">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <input type="hidden" name="next" value="{{next}}">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" value="{{email}}" required autocomplete="email">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" required autocomplete="current-password">
          <p><button type="submit">Sign in</button></p>
        </form>
        <p class="muted">New here? <a href="/sign-up{{#next}}?next={{next}}{{/next}}">Sign up</a>.</p>
        """,
    ]
}
