package cli_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"warmloop/cli"
	"warmloop/tests/schemaapp"
)

func TestSummarySendQueuesTheWeekOnceUnlessAskedAgain(t *testing.T) {
	app := schemaapp.New(t)
	run := func(args ...string) string {
		t.Helper()
		cmd := cli.NewSummaryCommand(app)
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("summary %v: %v\n%s", args, err, out.String())
		}
		return out.String()
	}
	emails := func() int {
		var n int
		if err := app.DB().Select("COUNT(*)").From("outbox").Where(dbx.NewExp("payload LIKE '%weekly_summary%'")).Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if out := run("send"); !strings.Contains(out, "is queued") || emails() != 1 {
		t.Fatalf("first send printed %q and queued %d emails; want the one owner's", out, emails())
	}
	if out := run("send"); !strings.Contains(out, "was queued already; add --again") || emails() != 1 {
		t.Fatalf("second send printed %q and left %d emails; want nothing more", out, emails())
	}
	if out := run("send", "--again"); !strings.Contains(out, "is queued") || emails() != 2 {
		t.Fatalf("send --again printed %q and left %d emails; want one more", out, emails())
	}
}
