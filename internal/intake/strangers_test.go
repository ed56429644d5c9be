package intake_test

import (
	"strings"
	"testing"
	"time"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

func TestOccurredAtProblemAcceptsFrom2000ToADayFromNow(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		at   time.Time
		good bool
	}{
		{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{now, true},
		{now.Add(24 * time.Hour), true},
		{now.Add(24*time.Hour + time.Second), false},
		{time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{time.Unix(0, 0), false},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), false},
	}
	for _, c := range cases {
		problem := intake.OccurredAtProblem(c.at, now)
		if (problem == "") != c.good {
			t.Errorf("OccurredAtProblem(%s) = %q, want accepted %v", c.at, problem, c.good)
		}
		if !c.good && !strings.Contains(problem, "from 2000-01-01 to 2026-11-25") {
			t.Errorf("the problem %q does not give the dates accepted", problem)
		}
	}
}

func TestImportMomentsRejectsMalformedEmailsAndImpossibleDatesWithTheirLine(t *testing.T) {
	app := schemaapp.New(t)
	file := "email,kind,score,occurred_at,external_id\n" +
		"a@[127.0.0.1],nps,10,,x-1\n" +
		"ana@localhost,nps,10,,x-2\n" +
		"ana@northwind.example,nps,10,9999-12-31,x-3\n" +
		"ana@northwind.example,nps,10,1970-01-01,x-4\n" +
		"ana@northwind.example,nps,10,2026-10-01,x-5\n"
	sum, err := intake.ImportMoments(app, strings.NewReader(file), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []intake.Rejection{
		{Line: 2, Reason: `email "a@[127.0.0.1]" is not an email address`},
		{Line: 3, Reason: `email "ana@localhost" is not an email address`},
		{Line: 4, Reason: "occurred_at must be a time from 2000-01-01 to "},
		{Line: 5, Reason: "occurred_at must be a time from 2000-01-01 to "},
	}
	if sum.Created != 1 || len(sum.Rejected) != len(want) {
		t.Fatalf("summary %s", sum)
	}
	for i, w := range want {
		if got := sum.Rejected[i]; got.Line != w.Line || !strings.HasPrefix(got.Reason, w.Reason) {
			t.Errorf("rejection %d is %+v, want line %d: %s…", i, got, w.Line, w.Reason)
		}
	}
	if n, _ := app.CountRecords("customers"); n != 1 {
		t.Errorf("%d customers; the refused lines made some", n)
	}
}

func TestImportsStoreTextWithoutControlOrDirectionCharacters(t *testing.T) {
	app := schemaapp.New(t)
	moments := "email,kind,comment,name,company,external_id\n" +
		"ana@northwind.example,renewal,\"Renewed\r\nfor two\x00 \u202eyears\",Ana\u202e Lima,North\x1bwind,d-1\n"
	if sum, err := intake.ImportMoments(app, strings.NewReader(moments), nil); err != nil || sum.Created != 1 {
		t.Fatalf("moments import: %s, %v", sum, err)
	}
	people := "email,name,company,title\nben@bluepeak.example,Ben\x00 Cole\u2066,Blue\u0085peak,\u202eCTO\n"
	if sum, err := intake.ImportCustomers(app, strings.NewReader(people), nil); err != nil || sum.Created != 1 {
		t.Fatalf("customers import: %s, %v", sum, err)
	}
	ana, _ := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
	ben, _ := app.FindFirstRecordByData("customers", "email", "ben@bluepeak.example")
	moment, _ := app.FindFirstRecordByData("moments", "external_id", "d-1")
	for what, got := range map[string][2]string{
		"Ana's name":    {ana.GetString("name"), "Ana Lima"},
		"Ana's company": {ana.GetString("company"), "Northwind"},
		"the comment":   {moment.GetString("comment"), "Renewed\nfor two years"},
		"Ben's name":    {ben.GetString("name"), "Ben Cole"},
		"Ben's company": {ben.GetString("company"), "Blue peak"},
		"Ben's title":   {ben.GetString("title"), "CTO"},
	} {
		if got[0] != got[1] {
			t.Errorf("%s stored as %q, want %q", what, got[0], got[1])
		}
	}
}

func TestReadCustomersRejectsMalformedEmailsWithTheirLine(t *testing.T) {
	bad := []string{"a@[127.0.0.1]", `"""ana lima""@northwind.example"`, "ana@northwind.example\u202e", "ana@north_wind.example", "josé@northwind.example"}
	f, err := intake.ReadCustomers(strings.NewReader("email\n" + strings.Join(bad, "\n") + "\nana@northwind.example\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Lines) != 1 || len(f.Rejected) != len(bad) {
		t.Fatalf("lines %v, rejected %v", f.Lines, f.Rejected)
	}
	for i, r := range f.Rejected {
		if r.Line != i+2 || !strings.Contains(r.Reason, "is not an email address") {
			t.Errorf("rejection %+v, want line %d refused as not an email address", r, i+2)
		}
	}
}

func TestCheckCSVTextAcceptsOnlyUTF8Text(t *testing.T) {
	good := map[string][]byte{
		"ASCII":              []byte("email,name\nana@northwind.example,Ana\n"),
		"UTF-8 accents":      []byte("email,name\nzoe@northwind.example,Zoë Ångström\n"),
		"UTF-8 with its BOM": append([]byte{0xef, 0xbb, 0xbf}, "email\nana@northwind.example\n"...),
	}
	for name, data := range good {
		if err := intake.CheckCSVText("people.csv", data); err != nil {
			t.Errorf("%s refused: %v", name, err)
		}
	}
	bad := []struct {
		name string
		data []byte
		want string
	}{
		{"Latin-1", []byte("email,name\nana@northwind.example,Ana\nzoe@northwind.example,Zo\xeb\n"),
			`"people.csv" is not UTF-8 text: line 3 has a character in another encoding`},
		{"Windows-1252 quotes", []byte("email,name\n\x93ana@northwind.example\x94,Ana\n"), "is not UTF-8 text: line 2"},
		{"UTF-16 with its BOM", append([]byte{0xff, 0xfe}, []byte("e\x00m\x00a\x00i\x00l\x00")...), "is UTF-16 text"},
		{"an image", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...), `"people.csv" is not a CSV file`},
	}
	for _, c := range bad {
		err := intake.CheckCSVText("people.csv", c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "CSV UTF-8") {
			t.Errorf("%s: %v, want an error with %q that says how to fix it", c.name, err, c.want)
		}
	}
}
