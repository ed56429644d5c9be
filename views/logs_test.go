package views_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
	"warmloop/views"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// requestLogs waits until the request log holds at least n rows for path
// and returns every row's message and data. PocketBase writes the log from
// a goroutine, in batches; the terminate event flushes the batch.
func requestLogs(t *testing.T, app *tests.TestApp, path string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			Message string `db:"message"`
			Data    string `db:"data"`
		}
		if err := app.LogQuery().Select("message", "data").All(&rows); err != nil {
			t.Fatal(err)
		}
		var found []string
		matching := 0
		for _, r := range rows {
			found = append(found, r.Message+" "+r.Data)
			if strings.Contains(r.Message, path) {
				matching++
			}
		}
		if matching >= n || time.Now().After(deadline) {
			return found
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestSecretsInTheQueryAreNotWrittenToTheRequestLog(t *testing.T) {
	const secret = "nps-secret-in-the-url-4242"
	app := testapp.New(t)
	app.Settings().Logs.MaxDays = 5 // the test app turns the request log off
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("nps_secret", secret)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	post := func(query string) int {
		body := `{"email":"ana@northwind.example","score":10,"id":"resp-` + query[len(query)-4:] + `"}`
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/hooks/nps/generic?"+query, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Referer", "https://survey.example/form?api_key="+secret+"&step=2")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post("source=delighted&token=" + secret); got != http.StatusCreated {
		t.Fatalf("the webhook with ?token= answered %d, want 201: the handler must still read the real token", got)
	}
	if got := post("Token=" + secret + "x&password=" + secret + "&keep=this-1"); got != http.StatusUnauthorized {
		t.Fatalf("the webhook with a wrong token answered %d, want 401", got)
	}

	logs := requestLogs(t, app, "/hooks/nps/generic", 2)
	all := strings.Join(logs, "\n")
	if len(logs) < 2 {
		t.Fatalf("the two requests are not in the log:\n%s", all)
	}
	if strings.Contains(all, secret) {
		t.Errorf("the secret is in the request log:\n%s", all)
	}
	for _, want := range []string{"source=delighted&token=REDACTED", "Token=REDACTED&password=REDACTED&keep=this-1", "api_key=REDACTED"} {
		if !strings.Contains(all, want) {
			t.Errorf("the log lacks %q:\n%s", want, all)
		}
	}
}

func TestRedactQueryHidesOnlySecretNamedValues(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"page=2&q=acme", "page=2&q=acme"},
		{"token=abc", "token=REDACTED"},
		{"a=1&token=abc&b=2", "a=1&token=REDACTED&b=2"},
		{"TOKEN=abc", "TOKEN=REDACTED"},
		{"access_token=abc&client_secret=def", "access_token=REDACTED&client_secret=REDACTED"},
		{"api_key=abc&apikey=def&key=ghi", "api_key=REDACTED&apikey=REDACTED&key=REDACTED"},
		{"password=abc&signature=def", "password=REDACTED&signature=REDACTED"},
		{"to%6Ben=abc", "to%6Ben=REDACTED"},
		{"token", "token=REDACTED"},
		{"token=a&token=b", "token=REDACTED&token=REDACTED"},
		{"monkeys=3", "monkeys=3"},
	}
	for _, c := range cases {
		if got := views.RedactQuery(c.in); got != c.want {
			t.Errorf("RedactQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
