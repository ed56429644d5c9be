package cli_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"warmloop/cli"
	"warmloop/internal/program"
	"warmloop/tests/schemaapp"
)

func TestStatsPrintsSumsInTheProgramsCurrency(t *testing.T) {
	app := schemaapp.New(t)
	settings, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	settings.Set("currency", "EUR")
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	day := func(back int) string { return time.Now().UTC().AddDate(0, 0, -back).Format("2006-01-02 15:04:05.000Z") }
	a := schemaapp.Customer(t, app, "Ada", "ada@lovelace.example", nil)
	ask := schemaapp.Save(t, app, "asks", map[string]any{"customer": a.Id, "touch": 1, "status": "referred", "sent_at": day(20)})
	r := schemaapp.Save(t, app, "referrals", map[string]any{"referrer": a.Id, "ask": ask.Id, "referee_name": "P",
		"referee_email": "p@q.example", "status": "won", "pipeline_value": 12500, "won_value": 9800})
	for i, to := range []string{"invited", "qualified", "won"} {
		schemaapp.Save(t, app, "referral_events", map[string]any{"referral": r.Id, "to_status": to, "at": day(10 - i)})
	}

	cmd := cli.NewStatsCommand(app)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"--days", "30"})
	if err := cmd.Execute(); err != nil {
		t.Fatalf("stats: %v\n%s", err, out.String())
	}
	for _, want := range []string{"pipeline generated   €12,500\n", "pipeline won         €9,800\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stats printed\n%s\nwant a line %q", out.String(), want)
		}
	}
}
