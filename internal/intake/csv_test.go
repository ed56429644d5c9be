package intake_test

import (
	"strings"
	"testing"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

const momentsCSV = `email,kind,score,comment,occurred_at,external_id,name,company
ana@northwind.example,nps,10,Love it,2026-10-01T09:00:00Z,r-1,Ana Lima,Northwind
ben@bluepeak.example,nps,6,Meh,2026-10-02,r-2,,
cara@corvid.example,renewal,,Renewed,2026-10-03,deal-9,,
not-an-email,nps,9,,2026-10-04,r-3,,
dan@drumlin.example,birthday,,,2026-10-05,r-4,,
eve@eastgate.example,nps,11,,2026-10-06,r-5,,
finn@fernhill.example,nps,,,2026-10-07,r-6,,
gus@granite.example,support_win,,,last tuesday,r-7,,
ana@northwind.example,nps,10,Love it,2026-10-01T09:00:00Z,r-1,Ana Lima,Northwind
`

func TestImportMomentsSummarisesCreatedDuplicatesAndRejections(t *testing.T) {
	app := schemaapp.New(t)
	var calls int
	sum, err := intake.ImportMoments(app, strings.NewReader(momentsCSV), func(done, total int) {
		calls++
		if total != 9 || done != calls {
			t.Errorf("progress %d/%d at call %d", done, total, calls)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 3 || sum.Duplicates != 1 {
		t.Errorf("created %d, duplicates %d; want 3 and 1", sum.Created, sum.Duplicates)
	}
	want := map[int]string{5: "email", 6: "kind", 7: "score", 8: "score", 9: "occurred_at"}
	if len(sum.Rejected) != len(want) {
		t.Fatalf("rejected %v, want lines %v", sum.Rejected, want)
	}
	for _, r := range sum.Rejected {
		if !strings.Contains(r.Reason, want[r.Line]) {
			t.Errorf("line %d rejected for %q, want a reason about %s", r.Line, r.Reason, want[r.Line])
		}
	}
	if s := sum.String(); !strings.Contains(s, "line 6: kind") {
		t.Errorf("summary does not list rejections by line:\n%s", s)
	}

	n, _ := app.CountRecords("moments")
	asks, _ := app.CountRecords("asks")
	if n != 3 || asks != 2 { // the promoter and the renewal are asked; the detractor is not
		t.Errorf("%d moments and %d asks, want 3 and 2", n, asks)
	}
	c, err := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
	if err != nil || c.GetString("company") != "Northwind" || c.GetString("source") != "import" {
		t.Errorf("the CSV's customer was not created with its company: %v", err)
	}

	again, err := intake.ImportMoments(app, strings.NewReader(momentsCSV), nil)
	if err != nil || again.Created != 0 || again.Duplicates != 4 {
		t.Errorf("re-import: %+v, %v; want every valid line a duplicate", again, err)
	}
}

func TestImportMomentsNeedsAHeader(t *testing.T) {
	app := schemaapp.New(t)
	for _, body := range []string{"", "name,score\nAna,9\n"} {
		if _, err := intake.ImportMoments(app, strings.NewReader(body), nil); err == nil {
			t.Errorf("a file without email and kind columns was accepted: %q", body)
		}
	}
}
