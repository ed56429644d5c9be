package demo

// The fictional people and companies of the demo program. Domains use the
// reserved .example top-level domain, so a demo email can never reach anyone.

var firstNames = []string{
	"Amelia", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiro",
	"Ines", "Jonas", "Kavya", "Liam", "Mei", "Nadia", "Oscar", "Priya",
	"Quentin", "Rosa", "Samir", "Tessa", "Umar", "Vera", "Wes", "Ximena",
	"Yusuf", "Zoe", "Anders", "Beatriz", "Caleb", "Dalia", "Emeka", "Freya",
	"Gabriel", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Noor",
}

var lastNames = []string{
	"Adeyemi", "Bergstrom", "Castillo", "Dubois", "Eriksen", "Fontaine", "Garcia", "Hoffmann",
	"Iyer", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
	"Quinn", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Xu",
	"Yilmaz", "Zhang", "Alvarez", "Brennan", "Costa", "Dang",
}

var titles = []string{
	"Head of Operations", "VP Sales", "Revenue Operations Lead", "Customer Success Manager",
	"CTO", "Marketing Director", "Founder", "Head of Growth", "Product Manager",
	"Finance Director", "Data Lead", "COO",
}

type company struct{ name, domain string }

var companies = []company{
	{"Northwind Logistics", "northwind.example"},
	{"Bluepeak Software", "bluepeak.example"},
	{"Corvid Health", "corvidhealth.example"},
	{"Drumlin Energy", "drumlin.example"},
	{"Eastgate Legal", "eastgate.example"},
	{"Fernhill Foods", "fernhill.example"},
	{"Granite Payments", "granitepay.example"},
	{"Harbor Robotics", "harborrobotics.example"},
	{"Ironbark Insurance", "ironbark.example"},
	{"Juniper Learning", "juniperlearning.example"},
	{"Kestrel Security", "kestrel.example"},
	{"Lumen Retail", "lumenretail.example"},
	{"Meridian Travel", "meridiantravel.example"},
	{"Nimbus Cloudworks", "nimbuscloud.example"},
	{"Orchard Biotech", "orchardbio.example"},
	{"Pinecrest Manufacturing", "pinecrest.example"},
	{"Quarry Media", "quarrymedia.example"},
	{"Riverstone Capital", "riverstone.example"},
	{"Saltmarsh Studios", "saltmarsh.example"},
	{"Tidewater Freight", "tidewater.example"},
	{"Upland Agritech", "upland.example"},
	{"Vantage HR", "vantagehr.example"},
	{"Willowbrook Clinics", "willowbrook.example"},
	{"Yardline Sports", "yardline.example"},
	{"Zephyr Aviation", "zephyr.example"},
}

// prospectCompanies are the referees' companies: not customers yet.
var prospectCompanies = []company{
	{"Alder & Finch", "alderfinch.example"},
	{"Beacon Dental Group", "beacondental.example"},
	{"Cobalt Freightways", "cobaltfreight.example"},
	{"Delta Ridge Labs", "deltaridge.example"},
	{"Evergreen Property", "evergreenprop.example"},
	{"Foxglove Pharma", "foxglove.example"},
	{"Gullwing Analytics", "gullwing.example"},
	{"Heron Fintech", "heronfintech.example"},
	{"Islay Distilling", "islay.example"},
	{"Jetty Commerce", "jetty.example"},
	{"Kiln Architecture", "kiln.example"},
	{"Larkspur Hotels", "larkspur.example"},
	{"Mosaic Nonprofit Services", "mosaicnps.example"},
	{"Nettle Outdoor", "nettle.example"},
	{"Oakmoor Schools", "oakmoor.example"},
	{"Parallax Games", "parallax.example"},
}

var promoterComments = []string{
	"The team onboarded us in a week and it just works.",
	"Support answers within the hour, every time.",
	"We cut our reporting time in half.",
	"Best vendor relationship we have.",
	"Our board finally trusts the numbers.",
	"",
}

var passiveComments = []string{
	"Good product, a few rough edges in the exports.",
	"Does the job. Pricing is on the high side.",
	"",
}

var detractorComments = []string{
	"The last release broke our integration.",
	"Too slow on large accounts.",
	"",
}

var supportWinComments = []string{
	"Ticket resolved same day; customer thanked the agent by name.",
	"Migration rescued before quarter close.",
	"Custom report built on request; customer delighted.",
}

var outcomeComments = []string{
	"First monthly report shipped to their leadership team.",
	"Hit their first 30-day goal.",
}

var referralMessages = []string{
	"You mentioned your team is drowning in spreadsheets. These folks fixed that for us in a month.",
	"I think they could help with the pipeline reporting you were struggling with.",
	"We have used them for a year and they are the most responsive vendor we work with.",
	"Worth 20 minutes of your time: they made our quarterly review painless.",
	"",
}
