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

	"warmloop/internal/intake"
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
	if res.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/dashboard/customers/import/[a-z0-9]{15}$`).MatchString(jobURL) {
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
		`<td class="num">4</td><td>“not-an-email” is not an email address.</td>`,
		`<td class="num">5</td><td>The email is missing.</td>`,
		`<td class="num">6</td><td>hana@harbor.example is already on line 2 of this file.</td>`,
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
		}, http.StatusUnprocessableEntity, []string{"The header row has no email column."}, nil},
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

// importJob writes a running import of importCSV straight through the
// domain, as an upload would before its background writer starts, and
// returns its id and file.
func importJob(t *testing.T, app core.App) (string, intake.CustomersFile) {
	t.Helper()
	file, err := intake.ReadCustomers(strings.NewReader(importCSV))
	if err != nil {
		t.Fatal(err)
	}
	id, err := intake.NewCustomersImport(app, "customers.csv", testapp.SuperuserEmail, file)
	if err != nil {
		t.Fatal(err)
	}
	return id, file
}

// htmxSession is a signed-in htmx request's headers.
func htmxSession() map[string]string {
	h := customersSession()
	h["HX-Request"] = "true"
	return h
}

func TestDashboardImportRunningJobPollsThenShowsItsSummary(t *testing.T) {
	app := testapp.New(t)
	testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	serve := customersServer(t, app)
	id, file := importJob(t, app)
	jobURL := "/dashboard/customers/import/" + id

	res, page := serve(http.MethodGet, jobURL, nil, customersSession())
	if res.StatusCode != http.StatusOK || !strings.Contains(page, "<html") || !strings.Contains(page, `hx-trigger="every 500ms"`) {
		t.Fatalf("a running job's page answered %d without polling:\n%s", res.StatusCode, page)
	}
	_, fragment := serve(http.MethodGet, jobURL, nil, htmxSession())
	for _, want := range []string{`hx-get="` + jobURL + `"`, `hx-trigger="every 500ms"`, `<progress max="7" value="3"`, "3 of 7 lines done (42%)."} {
		if !strings.Contains(fragment, want) {
			t.Errorf("a running job's fragment lacks %s:\n%s", want, fragment)
		}
	}

	if err := intake.RunCustomersImport(app, id, file); err != nil {
		t.Fatal(err)
	}
	_, fragment = serve(http.MethodGet, jobURL, nil, htmxSession())
	compact := regexp.MustCompile(`>\s+<`).ReplaceAllString(fragment, "><")
	if strings.Contains(fragment, "hx-trigger") || !strings.Contains(fragment, "Import finished: customers.csv") ||
		!strings.Contains(compact, "<dt>Created</dt><dd>3</dd>") || !strings.Contains(compact, `<td class="num">5</td><td>The email is missing.</td>`) {
		t.Errorf("the finished job's fragment is not its summary, or still polls:\n%s", fragment)
	}
}

func TestDashboardImportSurvivesARestartAndShowsAnInterruptedJob(t *testing.T) {
	app := testapp.New(t)
	serve := customersServer(t, app)
	body, headers := customersUpload(t, "customers.csv", []byte(importCSV))
	res, _ := serve(http.MethodPost, "/dashboard/customers/import", body, headers)
	finishedURL := res.Header.Get("Location")
	id := strings.TrimPrefix(finishedURL, "/dashboard/customers/import/")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if job, err := intake.FindImport(app, id); err == nil && !job.Running() {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("the upload's import did not finish: %+v, %v", job, err)
		}
	}
	_, before := serve(http.MethodGet, finishedURL, nil, htmxSession())
	// This one is running when the server stops.
	stopped, _ := importJob(t, app)
	stoppedURL := "/dashboard/customers/import/" + stopped
	if _, page := serve(http.MethodGet, stoppedURL, nil, htmxSession()); !strings.Contains(page, `hx-trigger="every 500ms"`) {
		t.Fatalf("before the restart the running job does not poll:\n%s", page)
	}
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}

	restarted := testapp.Copy(t, app.DataDir())
	t.Cleanup(restarted.Cleanup)
	serve = customersServer(t, restarted)
	if res, after := serve(http.MethodGet, finishedURL, nil, htmxSession()); res.StatusCode != http.StatusOK || after != before {
		t.Errorf("after a restart the finished job answers %d:\n%s\nwant, as before:\n%s", res.StatusCode, after, before)
	}
	res, page := serve(http.MethodGet, stoppedURL, nil, customersSession())
	if res.StatusCode != http.StatusOK || strings.Contains(page, "hx-trigger") || !strings.Contains(page, "Import interrupted: customers.csv") {
		t.Fatalf("after a restart the stopped job answers %d, not as interrupted:\n%s", res.StatusCode, page)
	}
	compact := regexp.MustCompile(`>\s+<`).ReplaceAllString(page, "><")
	for _, want := range []string{
		"The server stopped while this file was being imported.", "Import the same file again to add the rest: customers already there are skipped",
		"<dt>Lines done before the stop</dt><dd>3 of 7</dd>", `<td class="num">4</td><td>“not-an-email” is not an email address.</td>`,
		`<a class="button small" href="/dashboard/customers/import">Import the file again</a>`,
	} {
		if !strings.Contains(compact, want) {
			t.Errorf("the interrupted job's page lacks %s", want)
		}
	}
	if _, fragment := serve(http.MethodGet, stoppedURL, nil, htmxSession()); strings.Contains(fragment, "hx-trigger") || !strings.Contains(fragment, "Import interrupted") {
		t.Errorf("polling the interrupted job does not stop:\n%s", fragment)
	}
	_, form := serve(http.MethodGet, "/dashboard/customers/import", nil, customersSession())
	for _, want := range []string{`<a href="` + stoppedURL + `">customers.csv</a>`, "Interrupted by a restart", `<a href="` + finishedURL + `">customers.csv</a>`, "Finished"} {
		if !strings.Contains(form, want) {
			t.Errorf("the import form's latest imports lack %s", want)
		}
	}
}

func TestDashboardImportJobIsForSuperusersOnly(t *testing.T) {
	app := testapp.New(t)
	serve := customersServer(t, app)
	id, _ := importJob(t, app)
	for _, c := range []struct {
		name, url string
		headers   map[string]string
		status    int
	}{
		{"guest cannot open a job's page", "/dashboard/customers/import/" + id, nil, http.StatusSeeOther},
		{"guest cannot poll a job", "/dashboard/customers/import/" + id, map[string]string{"HX-Request": "true"}, http.StatusUnauthorized},
		{"guest cannot read a job through the API", "/api/collections/imports/records/" + id, nil, http.StatusForbidden},
		{"guest cannot list jobs through the API", "/api/collections/imports/records", nil, http.StatusForbidden},
		{"a superuser reads a job through the API", "/api/collections/imports/records/" + id,
			map[string]string{"Authorization": testapp.SuperuserToken}, http.StatusOK},
	} {
		res, body := serve(http.MethodGet, c.url, nil, c.headers)
		if res.StatusCode != c.status {
			t.Errorf("%s: answered %d, want %d", c.name, res.StatusCode, c.status)
		}
		if c.status != http.StatusOK && strings.Contains(body, "not-an-email") {
			t.Errorf("%s: the answer holds the job's rejected lines", c.name)
		}
	}
}
