package mail

import (
	"fmt"
	"net/mail"
	"strings"
	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/program"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// QueueNotice puts a reward email to its referrer in the outbox.
func QueueNotice(tx core.App, slug string, reward *core.Record) error {
	referrer, err := tx.FindRecordById("customers", reward.GetString("referrer"))
	if err != nil {
		return err
	}
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	page, err := pages.Find(tx, slug, readerLang(s, referrer))
	if err != nil {
		return err
	}
	vars := noticeVars(tx, s, reward, referrer)
	_, err = outbox.QueueEmail(tx, referrer.GetString("email"), pages.Line(page.GetString("title"), vars),
		map[string]any{"template": slug, "reward": reward.Id})
	return err
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
func ComposeNotice(app core.App, find Finder, slug, rewardID string) (*mailer.Message, error) {
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
	lang := readerLang(s, referrer)
	page, err := pages.Load(app, slug, lang, pages.Vars{}, slots, nil)
	if err != nil {
		return nil, fmt.Errorf("reward %s: %w", rewardID, err)
	}
	footer := pages.NoticeFooter(locale.For(lang), s.CompanyName)
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{recipient(mail.Address{Name: referrer.GetString("name"), Address: referrer.GetString("email")})},
		Subject: pages.Line(page.Title, vars),
		HTML:    Envelope(lang, page.Body.Fill(vars.Flat()), footer, "", ""),
		Text:    strings.TrimSpace(page.Text.Fill(vars.Flat())) + "\n--\n" + footer + "\n",
	}, nil
}
