package dashboard_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

func TestDashboardImportRefusesCSVFilesThatAreNotUTF8LikeTheCLI(t *testing.T) {
	latin1 := []byte("email,name\nana@northwind.example,Ana\nzoe@northwind.example,Zo\xeb Lef\xe8vre\n")
	body, headers := customersUpload(t, "people.csv", latin1)
	(&tests.ApiScenario{
		Name: "a Latin-1 file is refused with the line of its first foreign character", Method: http.MethodPost,
		URL: "/dashboard/customers/import", Body: body, Headers: headers, TestAppFactory: testapp.Bare,
		ExpectedStatus: http.StatusUnprocessableEntity,
		ExpectedContent: []string{`id="file-error"`, "&#34;people.csv&#34; is not UTF-8 text: line 3 has a character in another encoding",
			"&#34;CSV UTF-8&#34;"},
		AfterTestFunc: customerCount(0),
	}).Test(t)
}

func TestDashboardAddFormRefusesAddressesOutsideTheOneEmailRule(t *testing.T) {
	for _, email := range []string{"gus@granite.example\u202e", "gus@gran_ite.example", "gus@granite.c"} {
		form := url.Values{"name": {"Gus Green"}, "email": {email}, "company": {"Granite"}, "source": {"direct"}}
		(&tests.ApiScenario{
			Name: "the add form refuses " + email, Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(form), Headers: customersPost(), TestAppFactory: customersApp,
			ExpectedStatus: http.StatusUnprocessableEntity, ExpectedContent: []string{"This is not an email address."},
			AfterTestFunc: customerCount(4),
		}).Test(t)
	}
}
