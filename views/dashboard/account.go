package dashboard

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"warmloop/internal/locale"
)

// bindAccount serves the signed-in person's own settings: the language
// they read the dashboard in. Every role may open it.
func bindAccount(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", accountShow)
	g.POST("", accountSave)
}

// accountPage is the "Your account" screen.
type accountPage struct {
	adminPage
	// Languages are the shipped languages, each named in its own words.
	Languages []language
	Chosen    string
	Error     string
}

// language is one choice of dashboard language.
type language struct{ Tag, Name string }

// languageNames name each shipped language in itself, so a person who
// cannot read the dashboard's current language still finds their own.
var languageNames = map[string]string{
	"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "nl": "Nederlands",
}

func accountShow(e *core.RequestEvent) error {
	return renderAccount(e, http.StatusOK, dashboardLang(e.Auth), "")
}

func renderAccount(e *core.RequestEvent, status int, chosen, refusal string) error {
	p := accountPage{adminPage: newAdminPage(e, "account"), Chosen: chosen, Error: refusal}
	for _, tag := range locale.Shipped {
		p.Languages = append(p.Languages, language{Tag: tag, Name: languageNames[tag]})
	}
	return render(e, status, "admin/account", p)
}

// accountSave stores the language the signed-in person reads the
// dashboard in, on their own record only; the hooks keep it one of the
// shipped five.
func accountSave(e *core.RequestEvent) error {
	choice := e.Request.FormValue("locale")
	if choice == locale.English {
		choice = ""
	}
	e.Auth.Set("locale", choice)
	if err := e.App.Save(e.Auth); err != nil {
		e.App.Logger().Debug("saving a dashboard language was refused", "record", e.Auth.Id, "error", err)
		e.Auth.Set("locale", e.Auth.Original().GetString("locale"))
		return renderAccount(e, http.StatusUnprocessableEntity, dashboardLang(e.Auth),
			adminSpeaker(e).T("dash.account.refused"))
	}
	return redirectNotice(e, "/dashboard/account", "saved")
}
