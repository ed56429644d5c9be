package dashboard

// RuleText is what a dashboard form shows for a rule's English message.
var RuleText = ruleText
