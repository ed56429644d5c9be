package rewards

import (
	"fmt"
	"net/mail"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// Recompute counts a referrer's referrals and wins, leaving out referrals
// flagged for review, and records a reward for every tier newly crossed,
// with an email to the referrer, in the caller's transaction. The referral
// that crossed the tiers is recorded on them. Write transactions are
// serialised and (referrer, tier) is unique, so a tier is rewarded exactly
// once however many wins arrive together.
func Recompute(tx core.App, referrerID, referralID string) ([]*core.Record, error) {
	var counts struct {
		Referrals int `db:"referrals"`
		Wins      int `db:"wins"`
	}
	err := tx.DB().NewQuery(`SELECT COUNT(*) AS referrals, COALESCE(SUM(status = 'won'), 0) AS wins
		FROM referrals WHERE referrer = {:r} AND flag = ''`).Bind(dbx.Params{"r": referrerID}).One(&counts)
	if err != nil {
		return nil, err
	}
	tierRecs, err := tx.FindRecordsByFilter("tiers", "", "counts,threshold", 0, 0)
	if err != nil {
		return nil, err
	}
	tiers := make([]Tier, len(tierRecs))
	byID := map[string]*core.Record{}
	for i, t := range tierRecs {
		tiers[i] = Tier{ID: t.Id, Threshold: t.GetInt("threshold"), Counts: t.GetString("counts")}
		byID[t.Id] = t
	}
	var had []struct {
		Tier string `db:"tier"`
	}
	if err := tx.DB().Select("tier").From("rewards").Where(dbx.HashExp{"referrer": referrerID}).All(&had); err != nil {
		return nil, err
	}
	rewarded := map[string]bool{}
	for _, h := range had {
		rewarded[h.Tier] = true
	}
	coll, err := tx.FindCachedCollectionByNameOrId("rewards")
	if err != nil {
		return nil, err
	}
	var earned []*core.Record
	for _, t := range Crossed(tiers, counts.Referrals, counts.Wins, rewarded) {
		r := core.NewRecord(coll)
		r.Set("referrer", referrerID)
		r.Set("tier", t.ID)
		r.Set("incentive", byID[t.ID].GetString("incentive"))
		r.Set("referral", referralID)
		r.Set("status", Earned)
		if err := tx.Save(r); err != nil {
			return nil, fmt.Errorf("recording the %s reward: %w", byID[t.ID].GetString("name"), err)
		}
		if err := queueNotice(tx, "reward_earned", r); err != nil {
			return nil, err
		}
		earned = append(earned, r)
	}
	return earned, nil
}

// queueNotice puts a reward email to its referrer in the outbox.
func queueNotice(tx core.App, slug string, reward *core.Record) error {
	referrer, err := tx.FindRecordById("customers", reward.GetString("referrer"))
	if err != nil {
		return err
	}
	page, err := tx.FindFirstRecordByData("pages", "slug", slug)
	if err != nil {
		return err
	}
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	vars := noticeVars(tx, s, reward, referrer)
	_, err = outbox.QueueEmail(tx, referrer.GetString("email"), pages.Line(page.GetString("title"), vars),
		map[string]any{"template": slug, "reward": reward.Id})
	return err
}

// QueueFulfilled tells the referrer their reward is on its way.
func QueueFulfilled(tx core.App, reward *core.Record) error {
	return queueNotice(tx, "reward_fulfilled", reward)
}

// Notices are the reward emails, by their page's slug.
var Notices = map[string]bool{"reward_earned": true, "reward_fulfilled": true}

// noticeVars are the reward emails' variables.
func noticeVars(app core.App, s program.Settings, reward, referrer *core.Record) pages.Vars {
	v := pages.Vars{People: map[string]string{
		"referrer_first_name":   pages.FirstName(referrer.GetString("name")),
		"referrer_name":         referrer.GetString("name"),
		"tier_name":             "",
		"incentive_name":        "",
		"incentive_description": "",
		"note":                  reward.GetString("note"),
		"company_name":          s.CompanyName,
		"sender_name":           s.SenderName,
	}}
	if t, err := app.FindRecordById("tiers", reward.GetString("tier")); err == nil {
		v.People["tier_name"] = t.GetString("name")
	}
	if inc, err := app.FindRecordById("incentives", reward.GetString("incentive")); err == nil {
		v.People["incentive_name"] = inc.GetString("name")
		v.People["incentive_description"] = inc.GetString("description")
	}
	return v
}

// ComposeNotice renders a reward email.
func ComposeNotice(app core.App, find func(collection, id string) (*core.Record, error), slug, rewardID string) (*mailer.Message, error) {
	reward, err := find("rewards", rewardID)
	if err != nil {
		return nil, fmt.Errorf("reward %s: %w", rewardID, err)
	}
	referrer, err := find("customers", reward.GetString("referrer"))
	if err != nil {
		return nil, fmt.Errorf("reward %s: referrer: %w", rewardID, err)
	}
	s, err := program.Load(app)
	if err != nil {
		return nil, err
	}
	vars := noticeVars(app, s, reward, referrer)
	var slots []string
	for k := range vars.People {
		slots = append(slots, k)
	}
	page, err := pages.Load(app, slug, pages.Vars{}, slots, nil)
	if err != nil {
		return nil, fmt.Errorf("reward %s: %w", rewardID, err)
	}
	footer := "Sent by " + s.CompanyName + " to thank you for your introductions."
	return &mailer.Message{
		From:    mail.Address{Name: s.SenderName, Address: s.SenderAddress},
		To:      []mail.Address{{Name: referrer.GetString("name"), Address: referrer.GetString("email")}},
		Subject: pages.Line(page.Title, vars),
		HTML:    pages.EmailHTML(page.Body.Fill(vars.Flat()), footer, "", ""),
		Text:    strings.TrimSpace(page.Text.Fill(vars.Flat())) + "\n--\n" + footer + "\n",
	}, nil
}
