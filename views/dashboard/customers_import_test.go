package dashboard_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// customersUpload builds a multipart body with one file field; it returns
// the body and its signed-in headers.
func customersUpload(t testing.TB, filename string, content []byte) (io.Reader, map[string]string) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	w.Close()
	h := customersSession()
	h["Content-Type"] = w.FormDataContentType()
	return &body, h
}

// importCSV has good lines, bad lines, a duplicate inside the file, a
// customer already there (Ana, from the fixture) and a source the program
// does not count by (Jo's "partner", kept in source_detail).
const importCSV = `email,name,company,source
hana@harbor.example,Hana Hart,Harbor,
ivan@ironwood.example,,Ironwood,direct
not-an-email,Nobody,,
,No Email,,
hana@harbor.example,Hana Twice,,
ANA@northwind.example,Ana Lima,Northwind,
jo@juniper.example,Jo,,partner
`

// customersServer serves app's routes for a test that makes several
// requests to one app (an ApiScenario builds a new router each time).
func customersServer(t testing.TB, app *tests.TestApp) func(method, url string, body io.Reader, headers map[string]string) (*http.Response, string) {
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return func(method, url string, body io.Reader, headers map[string]string) (*http.Response, string) {
		req := httptest.NewRequest(method, url, body)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec.Result(), rec.Body.String()
	}
}

func TestDashboardCustomersImport(t *testing.T) {
	app := testapp.New(t)
	testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	serve := customersServer(t, app)

	// Uploading starts the import and sends the browser to its progress page.
	body, headers := customersUpload(t, "customers.csv", []byte(importCSV))
	res, _ := serve(http.MethodPost, "/dashboard/customers/import", body, headers)
	jobURL := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/dashboard/customers/import/[A-Za-z0-9]{24}$`).MatchString(jobURL) {
		t.Fatalf("upload answered %d to %q, want 303 to the job's page", res.StatusCode, jobURL)
	}
	res, page := serve(http.MethodGet, jobURL, nil, customersSession())
	if res.StatusCode != http.StatusOK || !strings.Contains(page, `id="import-job"`) || !strings.Contains(page, "customers.csv") {
		t.Fatalf("the job's page answered %d:\n%s", res.StatusCode, page)
	}

	// htmx polls the job's fragment until it is done.
	htmx := customersSession()
	htmx["HX-Request"] = "true"
	var summary string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		res, fragment := serve(http.MethodGet, jobURL, nil, htmx)
		if res.StatusCode != http.StatusOK || !strings.Contains(fragment, `id="import-job"`) || strings.Contains(fragment, "<html") {
			t.Fatalf("polling answered %d:\n%s", res.StatusCode, fragment)
		}
		if strings.Contains(fragment, "Import finished") {
			summary = fragment
			break
		}
		if !strings.Contains(fragment, `hx-trigger="every 500ms"`) || !strings.Contains(fragment, "<progress") {
			t.Fatalf("a running job's fragment has no polling progress bar:\n%s", fragment)
		}
	}
	if summary == "" {
		t.Fatal("the import did not finish within 10 seconds")
	}
	if strings.Contains(summary, "hx-trigger") {
		t.Error("the finished summary still polls")
	}
	compact := regexp.MustCompile(`>\s+<`).ReplaceAllString(summary, "><")
	for _, want := range []string{
		"<dt>Lines read</dt><dd>7</dd>", "<dt>Created</dt><dd>3</dd>", "<dt>Already there (skipped)</dt><dd>1</dd>", "<dt>Rejected</dt><dd>3</dd>",
		`<td class="num">4</td><td>email &#34;not-an-email&#34; is not an email address</td>`,
		`<td class="num">5</td><td>email is missing</td>`,
		`<td class="num">6</td><td>email hana@harbor.example is a duplicate of line 2 in this file</td>`,
	} {
		if !strings.Contains(compact, want) {
			t.Errorf("the summary lacks %s:\n%s", want, compact)
		}
	}
	if n, _ := app.CountRecords("customers"); n != 4 {
		t.Errorf("%d customers after the import, want 4", n)
	}
	if c, err := app.FindFirstRecordByData("customers", "email", "jo@juniper.example"); err != nil || c.GetString("source") != "import" || c.GetString("source_detail") != "partner" {
		t.Errorf("jo was not imported with her source kept in source_detail: %v", err)
	}
	if c, err := app.FindFirstRecordByData("customers", "email", "hana@harbor.example"); err != nil || c.GetString("name") != "Hana Hart" || c.GetString("source") != "import" {
		t.Errorf("hana was not imported from her first line: %v", err)
	}
}

func TestDashboardCustomersImportRefusals(t *testing.T) {
	upload := func(name string, content []byte) (io.Reader, map[string]string) {
		return customersUpload(t, name, content)
	}
	noFile := func() (io.Reader, map[string]string) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		w.WriteField("note", "nothing")
		w.Close()
		h := customersSession()
		h["Content-Type"] = w.FormDataContentType()
		return &body, h
	}
	big := bytes.Repeat([]byte("someone@example.com\n"), (10<<20)/20+100)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...)
	nothingWritten := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if n, _ := app.CountRecords("customers"); n != 0 {
			t.Errorf("%d customers written by a refused import", n)
		}
	}
	cases := []struct {
		name        string
		body        func() (io.Reader, map[string]string)
		status      int
		content     []string
		notExpected []string
	}{
		{"import without a file asks for one", noFile, http.StatusUnprocessableEntity,
			[]string{`<p class="field-error" id="file-error">Choose a CSV file to import.</p>`, `aria-describedby="file-error"`}, nil},
		{"a file over 10 MB is refused", func() (io.Reader, map[string]string) { return upload("big.csv", append([]byte("email\n"), big...)) },
			http.StatusUnprocessableEntity, []string{"larger than 10 MB"}, nil},
		{"an image is not a CSV", func() (io.Reader, map[string]string) { return upload("photo.csv", png) },
			http.StatusUnprocessableEntity, []string{"&#34;photo.csv&#34; is not a CSV file"}, nil},
		{"a file without an email column is refused", func() (io.Reader, map[string]string) {
			return upload("people.csv", []byte("name,company\nAna,Northwind\n"))
		}, http.StatusUnprocessableEntity, []string{"The header row has no &#34;email&#34; column"}, nil},
		{"a header without lines is refused", func() (io.Reader, map[string]string) { return upload("empty.csv", []byte("email,name\n")) },
			http.StatusUnprocessableEntity, []string{"no customers under it"}, nil},
	}
	for _, c := range cases {
		body, headers := c.body()
		(&tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: "/dashboard/customers/import", Body: body, Headers: headers,
			ExpectedStatus: c.status, ExpectedContent: c.content, NotExpectedContent: c.notExpected,
			TestAppFactory: testapp.Bare, AfterTestFunc: nothingWritten,
		}).Test(t)
	}

	body, headers := upload("customers.csv", []byte(importCSV))
	delete(headers, "Cookie")
	crossBody, crossHeaders := upload("customers.csv", []byte(importCSV))
	crossHeaders["Sec-Fetch-Site"] = "cross-site"
	htmx := customersSession()
	htmx["HX-Request"] = "true"
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot open the import form", Method: http.MethodGet, URL: "/dashboard/customers/import",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: testapp.Bare,
		},
		{
			Name: "guest cannot import", Method: http.MethodPost, URL: "/dashboard/customers/import", Body: body, Headers: headers,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: testapp.Bare, AfterTestFunc: nothingWritten,
		},
		{
			Name: "guest cannot read an import's progress", Method: http.MethodGet, URL: "/dashboard/customers/import/abcdefghijklmnopqrstuvwx",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: testapp.Bare,
		},
		{
			Name: "cross-site import is refused", Method: http.MethodPost, URL: "/dashboard/customers/import", Body: crossBody, Headers: crossHeaders,
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: testapp.Bare, AfterTestFunc: nothingWritten,
		},
		{
			Name: "the import form documents the columns", Method: http.MethodGet, URL: "/dashboard/customers/import",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent: []string{`enctype="multipart/form-data"`, `<label for="file">`, "<code>email</code></dt><dd>Required.", "<code>source</code>"},
		},
		{
			Name: "an unknown import is not found", Method: http.MethodGet, URL: "/dashboard/customers/import/abcdefghijklmnopqrstuvwx",
			Headers: customersSession(), ExpectedStatus: http.StatusNotFound, TestAppFactory: testapp.Bare,
			ExpectedContent: []string{"Import not found"},
		},
		{
			Name: "polling an unknown import stops the polling", Method: http.MethodGet, URL: "/dashboard/customers/import/abcdefghijklmnopqrstuvwx",
			Headers: htmx, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent: []string{"no longer available"}, NotExpectedContent: []string{"hx-trigger"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
