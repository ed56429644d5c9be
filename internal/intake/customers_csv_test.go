package intake_test

import (
	"fmt"
	"strings"
	"testing"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

const customersCSV = `Email,Name,Company,Source
ana@northwind.example,Ana Lima,Northwind,
BEN@bluepeak.example,,Bluepeak,direct
not-an-email,Nobody,,
,Missing Email,,
ana@northwind.example,Ana Again,,
old@known.example,Old Friend,,
cara@corvid.example,Cara,,partner
`

func TestImportCustomersCountsCreatedSkippedAndRejectedLines(t *testing.T) {
	app := schemaapp.New(t)
	schemaapp.Customer(t, app, "Old Friend", "old@known.example", nil)
	var last [2]int
	sum, err := intake.ImportCustomers(app, strings.NewReader(customersCSV), func(done, total int) { last = [2]int{done, total} })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 2 || sum.Duplicates != 1 {
		t.Errorf("created %d, skipped %d; want 2 and 1", sum.Created, sum.Duplicates)
	}
	want := []struct {
		line  int
		about string
	}{{4, "not an email"}, {5, "missing"}, {6, "duplicate of line 2"}, {8, "source"}}
	if len(sum.Rejected) != len(want) {
		t.Fatalf("rejected %v, want lines %v", sum.Rejected, want)
	}
	for i, w := range want {
		if r := sum.Rejected[i]; r.Line != w.line || !strings.Contains(r.Reason, w.about) {
			t.Errorf("rejection %d is line %d %q, want line %d about %q", i, r.Line, r.Reason, w.line, w.about)
		}
	}
	if last != [2]int{7, 7} {
		t.Errorf("last progress %v, want 7 of 7", last)
	}
	ben, err := app.FindFirstRecordByData("customers", "email", "ben@bluepeak.example")
	if err != nil || ben.GetString("name") != "ben" || ben.GetString("source") != "direct" || ben.GetString("company") != "Bluepeak" {
		t.Errorf("ben was not created from his line: %v", err)
	}
	ana, err := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
	if err != nil || ana.GetString("source") != "import" || ana.GetString("name") != "Ana Lima" {
		t.Errorf("ana was not created as an import: %v", err)
	}
	if n, _ := app.CountRecords("customers"); n != 3 {
		t.Errorf("%d customers, want 3", n)
	}
}

func TestImportCustomersWritesEveryBatch(t *testing.T) {
	app := schemaapp.New(t)
	var b strings.Builder
	b.WriteString("email\n")
	for i := range 450 {
		fmt.Fprintf(&b, "c%d@many.example\n", i)
	}
	sum, err := intake.ImportCustomers(app, strings.NewReader(b.String()), nil)
	if err != nil || sum.Created != 450 || len(sum.Rejected) != 0 {
		t.Fatalf("%+v, %v; want 450 created", sum, err)
	}
	again, _ := intake.ImportCustomers(app, strings.NewReader(b.String()), nil)
	if again.Created != 0 || again.Duplicates != 450 {
		t.Errorf("re-import %+v; want every line skipped", again)
	}
}

func TestReadCustomersRefusesFilesItCannotImport(t *testing.T) {
	for name, body := range map[string]string{
		"empty":          "",
		"no email":       "name,company\nAna,Northwind\n",
		"broken quoting": "email,name\n\"ana@x.example,Ana\n",
	} {
		if _, err := intake.ReadCustomers(strings.NewReader(body)); err == nil {
			t.Errorf("%s file was accepted", name)
		}
	}
}
