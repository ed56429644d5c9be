package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// providerKeyFields are the settings this migration adds: each NPS tool's
// own signing key. Empty means the tool proves nps_secret instead.
var providerKeyFields = []struct{ name, help string }{
	{"delighted_secret", "The key Delighted signs its webhooks with (X-Delighted-Webhook-Signature); empty uses nps_secret."},
	{"survicate_secret", "The Signing Secret of Survicate's webhook settings (Hmac header); empty uses nps_secret."},
	{"wootric_secret", "The key Wootric/InMoment signs its webhooks with (X-Wootric-Signature); empty uses nps_secret."},
	{"asknicely_secret", "The token AskNicely sends in a custom header or ?token=; empty uses nps_secret."},
}

// Each NPS tool's own signing key, and the revision of an answer.
//
//   - settings: delighted_secret, survicate_secret, wootric_secret and
//     asknicely_secret, each the key one tool proves on
//     /hooks/nps/{provider}; empty means nps_secret is that tool's key.
//   - moments: revision, how many times the tool had re-sent the answer
//     when it was last stored (AskNicely's count, or the time the tool
//     last changed it), so a re-sent answer updates its one moment and an
//     older copy arriving late changes nothing.
func init() {
	m.Register(func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		for _, f := range providerKeyFields {
			settings.Fields.Add(&core.TextField{Name: f.name, Max: 200, Help: f.help})
		}
		if err := app.Save(settings); err != nil {
			return err
		}
		moments, err := app.FindCollectionByNameOrId("moments")
		if err != nil {
			return err
		}
		moments.Fields.Add(&core.NumberField{Name: "revision", OnlyInt: true, Min: ptr(0),
			Help: "The sending tool's revision of the answer last stored; a re-sent answer with a higher one updates the score and comment."})
		return app.Save(moments)
	}, func(app core.App) error {
		moments, err := app.FindCollectionByNameOrId("moments")
		if err != nil {
			return err
		}
		moments.Fields.RemoveByName("revision")
		if err := app.Save(moments); err != nil {
			return err
		}
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		for _, f := range providerKeyFields {
			settings.Fields.RemoveByName(f.name)
		}
		return app.Save(settings)
	})
}
