package referrals

import (
	"warmloop/internal/customers"

	"github.com/pocketbase/pocketbase/core"
)

// Convert closes the loop for a won referral: the referee becomes a
// customer (source referral, referred_by this referral), or, when a
// customer with that email exists, that customer is linked and never
// duplicated. The referral records the customer as referee_customer. The
// new customer then enters the program like any other: their own happy
// moment starts their asks. A new customer reads the language of the
// referrer who introduced them (customers.locale); a customer who existed
// keeps theirs.
func Convert(tx core.App, referral *core.Record) (*core.Record, error) {
	email := customers.CanonicalEmail(referral.GetString("referee_email"))
	c, err := tx.FindFirstRecordByData("customers", "email", email)
	if err == nil {
		if c.GetString("referred_by") == "" && c.GetString("source") == "referral" {
			c.Set("referred_by", referral.Id)
			if err := tx.Save(c); err != nil {
				return nil, err
			}
		}
		referral.Set("referee_customer", c.Id)
		return c, nil
	}
	coll, err := tx.FindCachedCollectionByNameOrId("customers")
	if err != nil {
		return nil, err
	}
	c = core.NewRecord(coll)
	c.Set("name", referral.GetString("referee_name"))
	c.Set("email", email)
	c.Set("company", referral.GetString("referee_company"))
	c.Set("source", "referral")
	c.Set("referred_by", referral.Id)
	if referrer, err := tx.FindRecordById("customers", referral.GetString("referrer")); err == nil {
		c.Set("locale", referrer.GetString("locale"))
	}
	if err := tx.Save(c); err != nil {
		return nil, err
	}
	referral.Set("referee_customer", c.Id)
	return c, nil
}
