package setup_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/setup"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

// stepOf reads the checklist and returns one step of it.
func stepOf(t *testing.T, app core.App, key string) setup.Step {
	t.Helper()
	steps, err := setup.Checklist(app)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if s.Key == key {
			return s
		}
	}
	t.Fatalf("no step %q in %+v", key, steps)
	return setup.Step{}
}

// setSettings writes fields onto the settings record, as the dashboard
// would, and drops the kept settings (a schema-only app has no hook to).
func setSettings(t *testing.T, app core.App, fields map[string]any) {
	t.Helper()
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
}

// setPage writes a page's title and body.
func setPage(t *testing.T, app core.App, slug, title, body string) {
	t.Helper()
	p, err := pages.FindBySlug(app, slug) // the English page, which the step reads
	if err != nil {
		t.Fatal(err)
	}
	p.Set("title", title)
	p.Set("body", body)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
}

func TestAFreshInstallHasEveryStepToDoEachLinkingWhereItIsDone(t *testing.T) {
	app := schemaapp.New(t)
	steps, err := setup.Checklist(app)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"sender": "/dashboard/settings#company_name", "app_url": "/dashboard/settings#app_url", "smtp": "/dashboard/settings#smtp",
		"copy": "/dashboard/pages/landing", "customers": "/dashboard/customers/import", "nps": "/dashboard/settings#webhooks",
	}
	if len(steps) != len(want) {
		t.Fatalf("%d steps, want %d: %+v", len(steps), len(want), steps)
	}
	for _, s := range steps {
		if s.Done || s.Link != want[s.Key] || s.Label == "" || s.Detail == "" {
			t.Errorf("fresh install: step %+v; want to do, linking to %s, with a label and a detail", s, want[s.Key])
		}
	}
	if setup.Complete(steps) {
		t.Error("a fresh install's checklist is complete")
	}
}

func TestTheSenderStepTicksOnceNoShippedPlaceholderIsLeft(t *testing.T) {
	cases := []struct {
		name                     string
		company, sender, address string
		done                     bool
		left                     string
	}{
		{"the shipped sender", "Acme", "The Acme team", "referrals@example.com", false, "the company name, the sender's name, the sender's address"},
		{"only the company renamed", "Northwind", "The Acme team", "referrals@example.com", false, "the sender's name, the sender's address"},
		{"the shipped address in capitals", "Northwind", "Nora at Northwind", "Referrals@Example.com", false, "the sender's address"},
		{"the company's own sender", "Northwind", "Nora at Northwind", "nora@northwind.example", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := schemaapp.New(t)
			setSettings(t, app, map[string]any{"company_name": c.company, "sender_name": c.sender, "sender_address": c.address})
			s := stepOf(t, app, "sender")
			if s.Done != c.done || (!c.done && !strings.Contains(s.Detail, c.left+".")) {
				t.Errorf("done %v, detail %q; want done %v naming %q", s.Done, s.Detail, c.done, c.left)
			}
		})
	}
}

func TestTheApplicationURLStepTicksForAnAddressCustomersCanOpen(t *testing.T) {
	cases := []struct {
		url  string
		done bool
	}{
		{"", false},
		{"http://127.0.0.1:8090", false},
		{"http://localhost:8090", false},
		{"https://refer.northwind.example", true},
	}
	for _, c := range cases {
		app := schemaapp.New(t)
		setSettings(t, app, map[string]any{"app_url": c.url})
		if s := stepOf(t, app, "app_url"); s.Done != c.done {
			t.Errorf("app_url %q: done %v (%s), want %v", c.url, s.Done, s.Detail, c.done)
		}
	}
}

func TestTheSMTPStepTicksOnlyOnceATestEmailWentThroughTheServer(t *testing.T) {
	cases := []struct {
		name   string
		host   string
		tested bool
		done   bool
	}{
		{"no server", "", false, false},
		{"a server never tested", "smtp.northwind.example", false, false},
		{"a test time left without a server", "", true, false},
		{"a server a test email went through", "smtp.northwind.example", true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := schemaapp.New(t)
			fields := map[string]any{"smtp_host": c.host, "smtp_port": 587, "smtp_tested_at": ""}
			if c.tested {
				fields["smtp_tested_at"] = time.Now()
			}
			setSettings(t, app, fields)
			if s := stepOf(t, app, "smtp"); s.Done != c.done {
				t.Errorf("done %v (%s), want %v", s.Done, s.Detail, c.done)
			}
		})
	}
}

func TestTheCopyStepTicksOnceTheLandingAndRefereePagesNoLongerHoldTheShippedCopy(t *testing.T) {
	app := schemaapp.New(t)
	landingTitle, landingBody, _ := pages.Shipped("landing")
	refereeTitle, refereeBody, _ := pages.Shipped("referee")

	// Saved from a browser unchanged: CRLF line ends and a trailing newline.
	setPage(t, app, "landing", landingTitle+" ", strings.ReplaceAll(landingBody, "\n", "\r\n")+"\r\n")
	if s := stepOf(t, app, "copy"); s.Done || s.Link != "/dashboard/pages/landing" || !strings.Contains(s.Detail, "the landing page and the referee page") {
		t.Errorf("shipped copy saved as it was: %+v; want to do, linking to the landing page", s)
	}
	setPage(t, app, "landing", landingTitle, landingBody+"\nWe answer within a day.")
	if s := stepOf(t, app, "copy"); s.Done || s.Link != "/dashboard/pages/referee" || strings.Contains(s.Detail, "landing") {
		t.Errorf("only the landing page rewritten: %+v; want to do, linking to the referee page", s)
	}
	setPage(t, app, "referee", "Meet Northwind", refereeBody)
	if s := stepOf(t, app, "copy"); !s.Done {
		t.Errorf("both pages rewritten (the referee page's title only): %+v; want done", s)
	}
	setPage(t, app, "referee", refereeTitle, refereeBody)
	if s := stepOf(t, app, "copy"); s.Done {
		t.Errorf("the referee page restored to its shipped copy: %+v; want to do again", s)
	}
}

func TestTheCustomersStepTicksWithTheFirstCustomer(t *testing.T) {
	app := schemaapp.New(t)
	if s := stepOf(t, app, "customers"); s.Done {
		t.Fatalf("no customer: %+v", s)
	}
	schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	if s := stepOf(t, app, "customers"); !s.Done {
		t.Errorf("one customer: %+v; want done", s)
	}
}

func TestTheNPSStepTicksWithTheFirstMomentFromAnNPSToolOrTheAPI(t *testing.T) {
	cases := []struct {
		source string
		done   bool
	}{
		{"dashboard", false}, {"csv", false}, {"hubspot", false},
		{"generic", true}, {"delighted", true}, {"typeform", true}, {"api", true},
	}
	for _, c := range cases {
		app := schemaapp.New(t)
		ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
		schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "nps", "score": 10,
			"source": c.source, "external_id": "resp-1", "occurred_at": time.Now()})
		if s := stepOf(t, app, "nps"); s.Done != c.done {
			t.Errorf("a moment from %q: done %v, want %v", c.source, s.Done, c.done)
		}
	}
}

func TestTheProgramHasStartedOnceAnAskExists(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	if started, err := setup.Started(app); err != nil || started {
		t.Fatalf("no ask: started %v (%v)", started, err)
	}
	schemaapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": "queued"})
	if started, err := setup.Started(app); err != nil || !started {
		t.Errorf("one ask: started %v (%v), want true", started, err)
	}
}

func TestEveryStepDoneCompletesTheChecklist(t *testing.T) {
	app := schemaapp.New(t)
	setSettings(t, app, map[string]any{"company_name": "Northwind", "sender_name": "Nora at Northwind",
		"sender_address": "nora@northwind.example", "app_url": "https://refer.northwind.example",
		"smtp_host": "smtp.northwind.example", "smtp_port": 587, "smtp_tested_at": time.Now()})
	setPage(t, app, "landing", "Know someone?", "Tell us.")
	setPage(t, app, "referee", "Hello", "Welcome.")
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "nps", "score": 10,
		"source": "delighted", "external_id": "resp-1", "occurred_at": time.Now()})
	steps, err := setup.Checklist(app)
	if err != nil {
		t.Fatal(err)
	}
	if !setup.Complete(steps) {
		t.Errorf("every step done, yet: %+v", steps)
	}
}
