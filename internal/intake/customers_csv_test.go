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
	if sum.Created != 3 || sum.Duplicates != 1 {
		t.Errorf("created %d, skipped %d; want 3 and 1", sum.Created, sum.Duplicates)
	}
	want := []struct {
		line  int
		about string
	}{{4, "not an email"}, {5, "missing"}, {6, "duplicate of line 2"}}
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
	if n, _ := app.CountRecords("customers"); n != 4 {
		t.Errorf("%d customers, want 4", n)
	}
}

func TestImportCustomersKeepsASourceItDoesNotKnowInSourceDetail(t *testing.T) {
	app := schemaapp.New(t)
	long := strings.Repeat("x", 190)
	csv := "email,name,source,source_detail\n" +
		"hal@hubspot.example,Hal,hubspot,\n" +
		"ida@mixed.example,Ida,HubSpot,Q3 webinar\n" +
		"jon@known.example,Jon,Referral,\n" +
		"kim@noted.example,Kim,,trade show\n" +
		"lou@long.example,Lou,salesforce," + long + "\n"
	sum, err := intake.ImportCustomers(app, strings.NewReader(csv), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 4 || len(sum.Rejected) != 1 || sum.Rejected[0].Line != 6 || !strings.Contains(sum.Rejected[0].Reason, "source_detail is longer than 200") {
		t.Fatalf("%v; want 4 created and line 6 rejected for its long source_detail", sum)
	}
	for email, want := range map[string][2]string{
		"hal@hubspot.example": {"import", "hubspot"},
		"ida@mixed.example":   {"import", "HubSpot: Q3 webinar"},
		"jon@known.example":   {"referral", ""},
		"kim@noted.example":   {"import", "trade show"},
	} {
		c, err := app.FindFirstRecordByData("customers", "email", email)
		if err != nil {
			t.Errorf("%s was not imported: %v", email, err)
			continue
		}
		if got := [2]string{c.GetString("source"), c.GetString("source_detail")}; got != want {
			t.Errorf("%s has source and source_detail %q, want %q", email, got, want)
		}
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

func TestImportCustomersReadsTheLocaleOrLanguageColumn(t *testing.T) {
	for _, header := range []string{"locale", "Language"} {
		app := schemaapp.New(t)
		csv := "email,name," + header + "\n" +
			"lea@wien.example,Lea,de_at\n" +
			"luc@quebec.example,Luc,fr-CA\n" +
			"yui@tokyo.example,Yui,ja\n" +
			"xan@nowhere.example,Xan,xx-!!\n" +
			"ann@plain.example,Ann,\n"
		sum, err := intake.ImportCustomers(app, strings.NewReader(csv), nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 5 {
			t.Fatalf("%s column: %v; want all 5 lines created: a language Warmloop does not ship falls back, it refuses no line", header, sum)
		}
		for email, want := range map[string]string{"lea@wien.example": "de-AT", "luc@quebec.example": "fr-CA",
			"yui@tokyo.example": "", "xan@nowhere.example": "", "ann@plain.example": ""} {
			c, err := app.FindFirstRecordByData("customers", "email", email)
			if err != nil {
				t.Fatalf("%s was not imported: %v", email, err)
			}
			if got := c.GetString("locale"); got != want {
				t.Errorf("%s column: %s reads %q, want %q", header, email, got, want)
			}
		}
	}
}

func TestEveryRefusedCustomerLineNamesItsProblemAsDataBesideItsEnglishReason(t *testing.T) {
	long := strings.Repeat("y", 201)
	csv := "email,name,company,source_detail\n" +
		",Nobody,,\n" +
		"bad-address,Bad,,\n" +
		"mo@mesa.example,Mo,,\n" +
		"MO@mesa.example,Mo again,,\n" +
		"ned@north.example,Ned," + long + ",\n" +
		"ola@oak.example,Ola,,x" + long + "\n"
	f, err := intake.ReadCustomers(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := []intake.Rejection{
		{Line: 2, Reason: "email is missing", Problem: intake.LineEmailMissing},
		{Line: 3, Reason: `email "bad-address" is not an email address`, Problem: intake.LineEmailInvalid, Value: "bad-address"},
		{Line: 5, Reason: "email mo@mesa.example is a duplicate of line 4 in this file", Problem: intake.LineEmailRepeated, Value: "mo@mesa.example", Other: 4},
		{Line: 6, Reason: "company is longer than 200 characters", Problem: intake.LineTooLong, Value: "company", Other: 200},
		{Line: 7, Reason: "source_detail is longer than 200 characters (an unknown source is kept there too)", Problem: intake.LineDetailTooLong, Other: 200},
	}
	if len(f.Rejected) != len(want) {
		t.Fatalf("rejected %+v, want %+v", f.Rejected, want)
	}
	for i := range want {
		if f.Rejected[i] != want[i] {
			t.Errorf("rejection %d is %+v, want %+v", i, f.Rejected[i], want[i])
		}
	}
}
