package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// tokenPattern is the autogenerate pattern of the token fields as this
// migration first wrote it (internal/token.Pattern at the time). Migrations
// are frozen history: it must not follow later changes to the token package.
const tokenPattern = "[a-zA-Z0-9]{22}"

// The program schema: every collection of the public contract, the settings
// collection and the referral history. All API rules stay nil, so only
// superusers (and their API tokens) reach these records through the REST API.
func init() {
	m.Register(func(app core.App) error {
		return createProgramSchema(app)
	}, func(app core.App) error {
		// Drop in reverse order of dependency; relations to a dropped
		// collection would otherwise block the delete.
		for _, name := range []string{
			"referral_events", "outbox", "rewards", "tiers", "settings", "pages",
			"referrals", "asks", "moments", "customers", "incentives",
		} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				continue
			}
			if name == "customers" {
				// customers and referrals point at each other: cut the loop first.
				c.Fields.RemoveByName("referred_by")
				if err := app.Save(c); err != nil {
					return err
				}
			}
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		return nil
	})
}

func ptr(f float64) *float64 { return &f }

// timestamps returns the created/updated autodate pair every collection carries.
func timestamps() []core.Field {
	return []core.Field{
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	}
}

// programSchema holds the collections made so far, for the relations of the
// ones that follow.
type programSchema struct {
	incentives, customers, moments, asks, referrals, tiers *core.Collection
}

// createProgramSchema makes every collection, in the order their relations need.
func createProgramSchema(app core.App) error {
	s := &programSchema{}
	for _, create := range []func(core.App) error{
		s.createIncentives, s.createCustomers, s.createMoments, s.createAsks,
		s.createReferrals, s.addReferredBy, s.createReferralEvents, s.createTiers,
		s.createRewards, s.createPages, s.createOutbox, s.createSettings,
	} {
		if err := create(app); err != nil {
			return err
		}
	}
	return nil
}

// createIncentives makes the incentive catalog.
func (s *programSchema) createIncentives(app core.App) error {
	incentives := core.NewBaseCollection("incentives")
	incentives.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1,
			Values: []string{"recognition", "access", "swag", "experience", "charity", "monetary"}},
		&core.TextField{Name: "description", Max: 20000, Help: "Markdown."},
		&core.BoolField{Name: "active"},
		&core.NumberField{Name: "position", OnlyInt: true, Help: "Order in the catalog; monetary incentives come last."},
	)
	incentives.Fields.Add(timestamps()...)
	incentives.AddIndex("idx_incentives_kind", false, "kind", "")
	s.incentives = incentives
	return app.Save(incentives)
}

// createCustomers makes the customers; referred_by comes once referrals exist.
func (s *programSchema) createCustomers(app core.App) error {
	customers := core.NewBaseCollection("customers")
	customers.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.EmailField{Name: "email", Required: true, Presentable: true},
		&core.TextField{Name: "company", Max: 200},
		&core.TextField{Name: "title", Max: 200},
		&core.SelectField{Name: "source", Required: true, MaxSelect: 1,
			Values: []string{"direct", "referral", "import"}},
		&core.BoolField{Name: "opted_out"},
		&core.TextField{Name: "referral_code", Required: true, AutogeneratePattern: tokenPattern, Max: 64},
		&core.DateField{Name: "next_ask_at", Help: "When the cadence asks next; empty when not enrolled."},
		&core.DateField{Name: "last_asked_at"},
		&core.NumberField{Name: "touch", OnlyInt: true, Min: ptr(0), Help: "Asks sent in the current cycle."},
		&core.DateField{Name: "last_happy_at", Help: "The latest happy moment; it opens a new cycle."},
		&core.BoolField{Name: "wall_opt_in", Help: "Consented to appear on the recognition wall."},
	)
	customers.Fields.Add(timestamps()...)
	customers.AddIndex("idx_customers_email", true, "email", "")
	customers.AddIndex("idx_customers_referral_code", true, "referral_code", "")
	customers.AddIndex("idx_customers_next_ask_at", false, "next_ask_at", "")
	customers.AddIndex("idx_customers_company", false, "company", "")
	s.customers = customers
	return app.Save(customers)
}

// createMoments makes the happy moments, unique per source and external id.
func (s *programSchema) createMoments(app core.App) error {
	moments := core.NewBaseCollection("moments")
	moments.Fields.Add(
		&core.RelationField{Name: "customer", Required: true, MaxSelect: 1, CascadeDelete: true, CollectionId: s.customers.Id},
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1,
			Values: []string{"nps", "renewal", "support_win", "first_outcome", "custom"}},
		&core.NumberField{Name: "score", OnlyInt: true, Min: ptr(0), Max: ptr(10)},
		&core.TextField{Name: "comment", Max: 5000},
		&core.TextField{Name: "source", Required: true, Max: 64, Help: "Where it came from: api, dashboard, csv, delighted, typeform…"},
		&core.TextField{Name: "external_id", Max: 255, Help: "The id in the source system; unique with source."},
		&core.DateField{Name: "occurred_at", Required: true},
		&core.SelectField{Name: "decision", MaxSelect: 1, Help: "What the ask rule decided for this moment.",
			Values: []string{"asked", "below_threshold", "cooldown", "opted_out", "open_ask"}},
	)
	moments.Fields.Add(timestamps()...)
	moments.AddIndex("idx_moments_source_external_id", true, "source, external_id", "external_id != ''")
	moments.AddIndex("idx_moments_customer", false, "customer", "")
	moments.AddIndex("idx_moments_occurred_at", false, "occurred_at", "")
	s.moments = moments
	return app.Save(moments)
}

// createAsks makes the asks, each with its token.
func (s *programSchema) createAsks(app core.App) error {
	asks := core.NewBaseCollection("asks")
	asks.Fields.Add(
		&core.RelationField{Name: "customer", Required: true, MaxSelect: 1, CascadeDelete: true, CollectionId: s.customers.Id},
		&core.RelationField{Name: "moment", MaxSelect: 1, CollectionId: s.moments.Id, Help: "The happy moment that fired it; empty for a cadence touch."},
		&core.NumberField{Name: "touch", Required: true, OnlyInt: true, Min: ptr(1)},
		&core.TextField{Name: "token", Required: true, AutogeneratePattern: tokenPattern, Max: 64},
		&core.TextField{Name: "variant", Max: 64},
		&core.RelationField{Name: "incentive", MaxSelect: 1, CollectionId: s.incentives.Id},
		&core.TextField{Name: "cadence", Max: 32, Help: "The cadence preset in force when it was made."},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1,
			Values: []string{"queued", "sent", "failed", "clicked", "referred"}},
		&core.DateField{Name: "sent_at"},
		&core.DateField{Name: "clicked_at"},
	)
	asks.Fields.Add(timestamps()...)
	asks.AddIndex("idx_asks_token", true, "token", "")
	asks.AddIndex("idx_asks_customer", false, "customer", "")
	asks.AddIndex("idx_asks_moment", false, "moment", "")
	asks.AddIndex("idx_asks_status", false, "status", "")
	asks.AddIndex("idx_asks_created", false, "created", "")
	s.asks = asks
	return app.Save(asks)
}

// createReferrals makes the referrals, each with its code.
func (s *programSchema) createReferrals(app core.App) error {
	referrals := core.NewBaseCollection("referrals")
	referrals.Fields.Add(
		&core.RelationField{Name: "referrer", Required: true, MaxSelect: 1, CascadeDelete: true, CollectionId: s.customers.Id},
		&core.RelationField{Name: "ask", MaxSelect: 1, CollectionId: s.asks.Id},
		&core.TextField{Name: "referee_name", Required: true, Max: 200, Presentable: true},
		&core.EmailField{Name: "referee_email", Required: true},
		&core.TextField{Name: "referee_company", Max: 200},
		&core.TextField{Name: "message", Max: 5000},
		&core.TextField{Name: "code", Required: true, AutogeneratePattern: tokenPattern, Max: 64},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1,
			Values: []string{"invited", "visited", "booked", "qualified", "won", "lost"}},
		&core.NumberField{Name: "pipeline_value", Min: ptr(0)},
		&core.NumberField{Name: "won_value", Min: ptr(0)},
		&core.RelationField{Name: "referee_customer", MaxSelect: 1, CollectionId: s.customers.Id},
		&core.SelectField{Name: "channel", MaxSelect: 1, Help: "How the referral was made.",
			Values: []string{"landing", "share_link", "email", "dashboard", "api"}},
		&core.SelectField{Name: "flag", MaxSelect: 1, Help: "Held for review; cleared by an admin.",
			Values: []string{"duplicate", "self_referral"}},
		&core.TextField{Name: "lost_reason", Max: 500},
	)
	referrals.Fields.Add(timestamps()...)
	referrals.AddIndex("idx_referrals_code", true, "code", "")
	referrals.AddIndex("idx_referrals_referrer", false, "referrer", "")
	referrals.AddIndex("idx_referrals_ask", false, "ask", "")
	referrals.AddIndex("idx_referrals_referee_email", false, "referee_email", "")
	referrals.AddIndex("idx_referrals_referee_customer", false, "referee_customer", "")
	referrals.AddIndex("idx_referrals_status", false, "status", "")
	referrals.AddIndex("idx_referrals_created", false, "created", "")
	s.referrals = referrals
	return app.Save(referrals)
}

// addReferredBy closes the viral loop: customers.referred_by, the referral
// that brought a customer, can only point at referrals once they exist.
func (s *programSchema) addReferredBy(app core.App) error {
	s.customers.Fields.Add(&core.RelationField{Name: "referred_by", MaxSelect: 1, CollectionId: s.referrals.Id})
	s.customers.AddIndex("idx_customers_referred_by", false, "referred_by", "")
	return app.Save(s.customers)
}

// createReferralEvents makes the referral history.
func (s *programSchema) createReferralEvents(app core.App) error {
	events := core.NewBaseCollection("referral_events")
	events.Fields.Add(
		&core.RelationField{Name: "referral", Required: true, MaxSelect: 1, CascadeDelete: true, CollectionId: s.referrals.Id},
		&core.TextField{Name: "from_status", Max: 32},
		&core.TextField{Name: "to_status", Required: true, Max: 32},
		&core.DateField{Name: "at", Required: true},
		&core.TextField{Name: "note", Max: 1000},
	)
	events.Fields.Add(timestamps()...)
	events.AddIndex("idx_referral_events_referral", false, "referral, at", "")
	events.AddIndex("idx_referral_events_to_status_at", false, "to_status, at", "")
	return app.Save(events)
}

// createTiers makes the reward tiers.
func (s *programSchema) createTiers(app core.App) error {
	tiers := core.NewBaseCollection("tiers")
	tiers.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
		&core.NumberField{Name: "threshold", Required: true, OnlyInt: true, Min: ptr(1)},
		&core.SelectField{Name: "counts", Required: true, MaxSelect: 1, Values: []string{"referrals", "wins"}},
		&core.RelationField{Name: "incentive", MaxSelect: 1, CollectionId: s.incentives.Id},
	)
	tiers.Fields.Add(timestamps()...)
	tiers.AddIndex("idx_tiers_counts_threshold", true, "counts, threshold", "")
	s.tiers = tiers
	return app.Save(tiers)
}

// createRewards makes the rewards a referrer earns.
func (s *programSchema) createRewards(app core.App) error {
	rewards := core.NewBaseCollection("rewards")
	rewards.Fields.Add(
		&core.RelationField{Name: "referrer", Required: true, MaxSelect: 1, CascadeDelete: true, CollectionId: s.customers.Id},
		&core.RelationField{Name: "incentive", MaxSelect: 1, CollectionId: s.incentives.Id},
		&core.RelationField{Name: "tier", Required: true, MaxSelect: 1, CollectionId: s.tiers.Id},
		&core.RelationField{Name: "referral", MaxSelect: 1, CollectionId: s.referrals.Id, Help: "The referral that crossed the tier."},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1,
			Values: []string{"earned", "approved", "fulfilled", "declined"}},
		&core.TextField{Name: "decided_by", Max: 200, Help: "The admin who approved, fulfilled or declined it."},
		&core.DateField{Name: "approved_at"},
		&core.DateField{Name: "fulfilled_at"},
		&core.TextField{Name: "note", Max: 2000},
	)
	rewards.Fields.Add(timestamps()...)
	// A referrer earns each tier once, however many updates race.
	rewards.AddIndex("idx_rewards_referrer_tier", true, "referrer, tier", "")
	rewards.AddIndex("idx_rewards_status", false, "status", "")
	return app.Save(rewards)
}

// createPages makes the markdown pages and emails.
func (s *programSchema) createPages(app core.App) error {
	pages := core.NewBaseCollection("pages")
	pages.Fields.Add(
		&core.TextField{Name: "slug", Required: true, Max: 64, Pattern: `^[a-z0-9_]+$`, Presentable: true},
		&core.TextField{Name: "title", Required: true, Max: 300, Help: "The page heading, or the subject of an email."},
		&core.TextField{Name: "body", Max: 100000, Help: "Markdown with {{variables}}."},
	)
	pages.Fields.Add(timestamps()...)
	pages.AddIndex("idx_pages_slug", true, "slug", "")
	return app.Save(pages)
}

// createOutbox makes the queue of emails and webhooks to send.
func (s *programSchema) createOutbox(app core.App) error {
	outbox := core.NewBaseCollection("outbox")
	outbox.Fields.Add(
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"email", "webhook"}},
		&core.TextField{Name: "to", Required: true, Max: 2000, Help: "An email address or a webhook URL."},
		&core.TextField{Name: "subject", Max: 500},
		&core.JSONField{Name: "payload", MaxSize: 1 << 20},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1,
			Values: []string{"pending", "sending", "sent", "failed"}},
		&core.NumberField{Name: "attempts", OnlyInt: true, Min: ptr(0)},
		&core.DateField{Name: "next_attempt_at"},
		&core.TextField{Name: "last_error", Max: 5000},
		&core.DateField{Name: "sent_at"},
		&core.RelationField{Name: "ask", MaxSelect: 1, CollectionId: s.asks.Id, Help: "The ask this email carries, if any."},
	)
	outbox.Fields.Add(timestamps()...)
	outbox.AddIndex("idx_outbox_status_next_attempt_at", false, "status, next_attempt_at", "")
	outbox.AddIndex("idx_outbox_ask", false, "ask", "")
	return app.Save(outbox)
}

// createSettings makes the program's settings.
func (s *programSchema) createSettings(app core.App) error {
	settings := core.NewBaseCollection("settings")
	settings.Fields.Add(
		&core.TextField{Name: "company_name", Required: true, Max: 200},
		&core.TextField{Name: "sender_name", Required: true, Max: 200},
		&core.EmailField{Name: "sender_address", Required: true},
		&core.EmailField{Name: "sales_inbox", Help: "Gets a note when a referral is made or books."},
		&core.NumberField{Name: "nps_threshold", Required: true, OnlyInt: true, Min: ptr(0), Max: ptr(10)},
		&core.SelectField{Name: "cadence", Required: true, MaxSelect: 1,
			Values: []string{"aggressive", "balanced", "conservative", "custom"}},
		&core.NumberField{Name: "cadence_days", OnlyInt: true, Min: ptr(1), Help: "Days between touches for the custom cadence."},
		&core.NumberField{Name: "cooldown_days", Required: true, OnlyInt: true, Min: ptr(1)},
		&core.NumberField{Name: "touch_limit", Required: true, OnlyInt: true, Min: ptr(1)},
		&core.NumberField{Name: "rest_days", Required: true, OnlyInt: true, Min: ptr(1), Help: "Rest after a referral before asks resume."},
		&core.URLField{Name: "booking_url"},
		&core.URLField{Name: "webhook_url"},
		&core.TextField{Name: "webhook_secret", Max: 200},
		&core.TextField{Name: "nps_secret", Max: 200, Help: "Shared secret for /hooks/nps/{provider}."},
		&core.RelationField{Name: "current_incentive", MaxSelect: 1, CollectionId: s.incentives.Id},
	)
	settings.Fields.Add(timestamps()...)
	return app.Save(settings)
}
