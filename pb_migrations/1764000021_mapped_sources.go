package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Mapped sources: any tool that can post JSON sends moments to
// /hooks/moments/{name} without code of its own.
//
//   - sources: a tool the admin described in the dashboard: its name (the
//     slug in its URL, and the moments' source), the kind of moment it
//     makes, the JSON pointers to the email, score, comment, external id
//     and time, an optional rule that keeps only some events, and how it
//     proves it knows the secret (a header holding it, an HMAC of the body
//     in a header, or ?token=). The secret is a hidden field: only a
//     superuser's request reads it.
//   - source_deliveries: the latest deliveries to each source and what
//     became of them (accepted, duplicate, ignored, refused), with the
//     reason and the body with its emails and long strings masked.
//     Warmloop keeps the newest 20 of each source.
//
// The moment kinds are written here as they were when this ran: a kind
// added later reaches the select through its own migration.
func init() {
	m.Register(func(app core.App) error {
		sources := core.NewBaseCollection("sources")
		sources.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 48,
				Help: "The source's slug: lower-case letters, digits and dashes; its URL is /hooks/moments/{name}."},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1,
				Values: []string{"nps", "renewal", "support_win", "first_outcome", "custom"}},
			&core.TextField{Name: "email_pointer", Required: true, Max: 500, Help: "A JSON pointer (RFC 6901) to the customer's email, such as /data/contact/email."},
			&core.TextField{Name: "score_pointer", Max: 500, Help: "A JSON pointer to the 0–10 score; nps sources only."},
			&core.TextField{Name: "comment_pointer", Max: 500},
			&core.TextField{Name: "external_id_pointer", Required: true, Max: 500, Help: "A JSON pointer to the event's id in the tool, so a redelivery is recognised."},
			&core.TextField{Name: "time_pointer", Max: 500, Help: "A JSON pointer to when it happened (RFC 3339 or Unix seconds); empty means on arrival."},
			&core.TextField{Name: "keep_pointer", Max: 500, Help: "Keep only events whose value here equals keep_value; others are answered as ignored."},
			&core.TextField{Name: "keep_value", Max: 500},
			&core.SelectField{Name: "auth", Required: true, MaxSelect: 1, Values: []string{"header", "hmac", "token"}},
			&core.TextField{Name: "auth_header", Max: 100, Help: "The header that holds the secret (auth header) or the signature (auth hmac)."},
			&core.SelectField{Name: "hmac_encoding", MaxSelect: 1, Values: []string{"hex", "base64"}},
			&core.TextField{Name: "secret", Max: 500, Hidden: true},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		sources.AddIndex("idx_sources_name", true, "name", "")
		if err := app.Save(sources); err != nil {
			return err
		}

		deliveries := core.NewBaseCollection("source_deliveries")
		deliveries.Fields.Add(
			&core.RelationField{Name: "source", Required: true, MaxSelect: 1, CollectionId: sources.Id, CascadeDelete: true},
			&core.SelectField{Name: "outcome", Required: true, MaxSelect: 1, Values: []string{"accepted", "duplicate", "ignored", "refused"}},
			&core.NumberField{Name: "status", OnlyInt: true},
			&core.TextField{Name: "reason", Max: 1000},
			&core.TextField{Name: "body", Max: 5000, Help: "The body as it arrived, emails and long strings masked."},
			&core.TextField{Name: "moment", Max: 15, Help: "The moment's id, when one was written or found."},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		deliveries.AddIndex("idx_source_deliveries_source", false, "source", "")
		return app.Save(deliveries)
	}, func(app core.App) error {
		for _, name := range []string{"source_deliveries", "sources"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		return nil
	})
}
