extension PageTemplates {
    /// The plan's pages: schedule, polls, budget, deliverables, status.
    static let plan: [String: String] = [
        "no-report": """
        <h1>Report</h1>
        <p class="message">There is no report yet.</p>
        {{#inFolder}}{{#mayBook}}
        <form method="post" action="/projects/{{project}}/produce">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <p><button type="submit">Produce the project</button>
          <span class="muted">A worker checks every file, listens to the takes, mixes and masters, and writes the report here.</span></p>
        </form>
        {{/mayBook}}{{/inFolder}}
        {{^inFolder}}<p class="muted">This project is kept only in PostgreSQL: run producer produce where its files are.</p>{{/inFolder}}
        """,
        "schedule": """
        <h1>Schedule</h1>
        <p class="muted">Week of {{week}} · times in {{zone}} ·
          <a href="{{previous}}">← previous week</a> · <a href="{{next}}">next week →</a></p>
        <p>By {{#byPerson}}<strong>person</strong> · <a href="{{byRoomLink}}">room</a>{{/byPerson}}
          {{^byPerson}}<a href="{{byPersonLink}}">person</a> · <strong>room</strong>{{/byPerson}}
          {{#filtered}} · <a href="{{byPersonLink}}">everyone</a>{{/filtered}}
          · <span class="hold">&nbsp;hold&nbsp;</span> <span class="confirmed">&nbsp;confirmed&nbsp;</span></p>
        <table class="calendar">
          <thead><tr><th></th>{{#days}}<th>{{name}}</th>{{/days}}</tr></thead>
          <tbody>
          {{#rows}}
            <tr><th><a href="{{link}}">{{name}}</a></th>
            {{#cells}}<td>{{#entries}}<div class="{{status}}"><strong>{{time}}</strong> {{session}}<br>
              <span class="muted">{{place}} · {{status}}</span></div>{{/entries}}</td>{{/cells}}
            </tr>
          {{/rows}}
          </tbody>
        </table>
        {{#empty}}<p class="muted">Nothing is booked this week.</p>{{/empty}}
        """,
        "budget": """
        <h1>Budget</h1>
        {{#total}}
        <p class="message">{{plan}} planned, {{committed}} committed, {{actual}} spent; forecast {{forecast}}
          {{#over}}<span class="bad">— over by {{variance}}</span>{{/over}}{{^over}}<span class="good">— within the plan</span>{{/over}}</p>
        {{/total}}
        {{#warnings}}<p class="notice">{{.}}</p>{{/warnings}}
        {{#healthy}}<p class="good">Every line is within its plan.</p>{{/healthy}}
        <h2>Lines</h2>
        <table>
          <thead><tr><th>Line</th><th class="number">Plan</th><th class="number">Committed</th>
            <th class="number">Spent</th><th class="number">Forecast</th><th class="number">Left</th></tr></thead>
          <tbody>
          {{#lines}}<tr><td>{{label}}</td><td class="number">{{plan}}</td><td class="number">{{committed}}</td>
            <td class="number">{{actual}}</td><td class="number">{{forecast}}</td>
            <td class="number {{#over}}bad{{/over}}">{{variance}}</td></tr>{{/lines}}
          </tbody>
        </table>
        <h2>By song</h2>
        <table><tbody>
          {{#songs}}<tr><td>{{label}}</td><td class="number">{{plan}}</td><td class="number">{{forecast}}</td>
            <td class="number {{#over}}bad{{/over}}">{{variance}}</td></tr>{{/songs}}
        </tbody></table>
        <h2>By category</h2>
        <table><tbody>
          {{#categories}}<tr><td>{{label}}</td><td class="number">{{plan}}</td><td class="number">{{forecast}}</td>
            <td class="number {{#over}}bad{{/over}}">{{variance}}</td></tr>{{/categories}}
        </tbody></table>
        """,
        "deliverables": """
        <h1>Deliverables</h1>
        {{#empty}}<p class="muted">No deliverables or tasks yet.</p>{{/empty}}
        <table>
          <thead><tr><th>Who</th><th>What</th><th>Song</th><th>Due</th><th>State</th><th>Check</th></tr></thead>
          <tbody>
          {{#tasks}}
            <tr><td>{{person}}</td><td>{{title}}</td><td>{{song}}</td>
              <td class="{{#late}}bad{{/late}}">{{due}}{{#late}} (late){{/late}}</td>
              <td class="{{#rejected}}bad{{/rejected}}{{#delivered}}good{{/delivered}}">{{state}}</td>
              <td>{{#findings}}<div class="bad">✗ {{.}}</div>{{/findings}}{{#delivered}}<span class="good">✓ passed the checks</span>{{/delivered}}</td></tr>
          {{/tasks}}
          </tbody>
        </table>
        <h2>On time</h2>
        <table>
          <thead><tr><th>Who</th><th class="number">Due</th><th class="number">On time</th><th class="number">%</th>
            <th class="number">Overdue</th><th class="number">Open</th></tr></thead>
          <tbody>{{#people}}<tr><td>{{person}}</td><td class="number">{{due}}</td><td class="number">{{onTime}}</td>
            <td class="number">{{percent}}</td><td class="number">{{overdue}}</td><td class="number">{{open}}</td></tr>{{/people}}</tbody>
        </table>
        """,
        "status": """
        <h1>Status</h1>
        <p class="message">{{sessions}}{{#deadline}} · deadline {{deadline}} ({{daysToDeadline}}){{/deadline}}</p>
        {{#seesMoney}}{{#budget}}
        <p>Budget: {{plan}} planned, {{committed}} committed, {{actual}} spent; forecast {{forecast}}
          {{#over}}<span class="bad">— {{variance}} over</span>{{/over}}{{^over}}<span class="good">— {{variance}} to spare</span>{{/over}}</p>
        {{#warnings}}<p class="notice">{{.}}</p>{{/warnings}}
        {{/budget}}<p class="muted">Booked: {{booked}}</p>{{/seesMoney}}
        <h2>Songs</h2>
        <table><thead><tr><th>Song</th><th>Status</th><th>Sessions done</th><th>Next</th></tr></thead>
          <tbody>{{#songs}}<tr><td>{{title}}</td><td>{{status}}</td><td>{{sessions}}</td><td>{{next}}</td></tr>{{/songs}}</tbody></table>
        <h2>This week</h2>
        {{^thisWeek}}<p class="muted">Nothing this week.</p>{{/thisWeek}}
        <table><tbody>{{#thisWeek}}<tr class="{{status}}"><td>{{when}}</td><td>{{session}}</td><td>{{place}}</td>
          <td>{{people}}</td><td>{{status}}</td></tr>{{/thisWeek}}</tbody></table>
        {{#holdsToConfirm}}<p class="warn">{{holdsToConfirm}} holds to confirm.</p>{{/holdsToConfirm}}
        {{#late}}<p class="notice">{{session}}: {{reason}}</p>{{/late}}
        {{#unscheduled}}<p class="warn">Not scheduled: {{.}}</p>{{/unscheduled}}
        <h2>Offers waiting for an answer</h2>
        {{^openOffers}}<p class="muted">None.</p>{{/openOffers}}
        <ul>{{#openOffers}}<li>{{person}} as {{role}} for {{sessions}}: answer by {{answerBy}}{{#fee}} ({{fee}}){{/fee}}</li>{{/openOffers}}</ul>
        {{#expiredOffers}}<p class="muted">{{expiredOffers}} expired.</p>{{/expiredOffers}}
        <h2>Late deliverables and tasks</h2>
        {{^lateTasks}}<p class="muted">None.</p>{{/lateTasks}}
        <ul>{{#lateTasks}}<li class="bad">{{person}}: {{title}}{{#song}}, {{song}}{{/song}}, due {{due}} — {{daysLate}} days late
          {{#rejected}}(a file arrived and was rejected){{/rejected}}</li>{{/lateTasks}}</ul>
        """,
        "polls": """
        <h1>Availability polls</h1>
        {{#empty}}<p class="muted">No polls yet.</p>{{/empty}}
        <table><tbody>{{#polls}}<tr><td><a href="/projects/{{project}}/polls/{{id}}">{{title}}</a></td>
          <td>{{options}} dates</td><td>{{people}} answered</td><td>answers by {{answerBy}}</td><td>{{state}}</td></tr>{{/polls}}</tbody></table>
        {{#mayBook}}
        <form class="card" method="post" action="/projects/{{project}}/polls">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <h2>Ask who can make which dates</h2>
          <label for="title">Title</label><input id="title" name="title" required maxlength="200" size="50">
          <label for="dates">Dates, one per line: 2027-03-04, or 2027-03-04 10:00-18:00 ({{zone}})</label>
          <textarea id="dates" name="dates" required></textarea>
          <label for="answerBy">Answers by (day)</label><input id="answerBy" name="answerBy" type="date" required>
          <label for="session">For the session (optional)</label>
          <select id="session" name="session"><option value="">—</option>{{#sessions}}<option value="{{id}}">{{title}}</option>{{/sessions}}</select>
          <p><button type="submit">Open the poll</button></p>
        </form>
        {{/mayBook}}
        """,
        "poll": """
        <h1>{{title}}</h1>
        <p class="muted">{{state}} · answers by {{answerBy}}{{#session}} · for {{session}}{{/session}}</p>
        {{#outcome}}<p class="notice">{{outcome}}</p>{{/outcome}}
        <table>
          <thead><tr><th>Who</th>{{#options}}<th>{{name}}<br><span class="muted">{{yes}} yes</span></th>{{/options}}</tr></thead>
          <tbody>{{#rows}}<tr><td>{{name}}{{#person}} <span class="muted">({{person}})</span>{{/person}}</td>
            {{#answers}}<td class="{{#yes}}good{{/yes}}{{#no}}bad{{/no}}">{{answer}}</td>{{/answers}}</tr>{{/rows}}</tbody>
        </table>
        {{#mayAnswer}}
        <form class="card" method="post" action="/projects/{{project}}/polls/{{id}}/answers">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <h2>Your answers</h2>
          {{#options}}
          <fieldset><legend>{{name}}</legend>
            <label><input type="radio" name="option-{{index}}" value="yes" {{#mineYes}}checked{{/mineYes}}> yes</label>
            <label><input type="radio" name="option-{{index}}" value="maybe" {{#mineMaybe}}checked{{/mineMaybe}}> maybe</label>
            <label><input type="radio" name="option-{{index}}" value="no" {{#mineNo}}checked{{/mineNo}}> no</label>
          </fieldset>
          {{/options}}
          <p><button type="submit">Send my answers</button></p>
        </form>
        {{/mayAnswer}}
        {{#mayClose}}
        <form method="post" action="/projects/{{project}}/polls/{{id}}/close">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <p><button type="submit">Close the poll and repair the schedule</button>
          <span class="muted">Every “no” becomes busy time for that person.</span></p>
        </form>
        {{/mayClose}}
        """,
    ]
}
