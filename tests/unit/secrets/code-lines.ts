// Code lines of many languages and config formats to embed secrets in: neutral lines for the
// token formats, assignment forms for the generic rule, connection URLs. Shared by the unit
// tests and bench/secret-scan.ts.

/** Code lines of many languages holding a secret under a neutral name. */
export const embeddings: readonly ((secret: string) => string)[] = [
	(s) => `const client = new Client("${s}");`,
	(s) => `export const CONFIG = { value: '${s}' };`,
	(s) => `client = Client(options="${s}")`,
	(s) => `Client.new(options: '${s}')`,
	(s) => `cfg := Config{Value: "${s}"}`,
	(s) => `$client = new Client('${s}');`,
	(s) => `curl -H "Authorization: Bearer ${s}" https://api.example.com/v1/me`,
	(s) => `SERVICE_OPTIONS=${s}`,
	(s) => `  value: ${s}`,
	(s) => `value = "${s}"`,
	(s) => `  "value": "${s}",`,
	(s) => `VALUE := ${s}`,
	(s) => `<value>${s}</value>`,
	(s) => `String value = "${s}"; // Java`,
	(s) => `let value = "${s}"; // Rust`,
	(s) => `https://api.example.com/v1/things?key=${s}&page=2`
];

/** Generic assignments: random values under secret names, one per language or config form. */
export const assignmentForms: readonly { language: string; line: (value: string) => string }[] = [
	{ language: 'JavaScript', line: (v) => `const apiKey = "${v}";` },
	{ language: 'TypeScript', line: (v) => `export const clientSecret: string = '${v}';` },
	{ language: 'JS object', line: (v) => `  authToken: \`${v}\`,` },
	{ language: 'Python', line: (v) => `SECRET_KEY = "${v}"` },
	{ language: 'Python raw string', line: (v) => `api_key = r'${v}'` },
	{ language: 'Ruby', line: (v) => `config.access_token = '${v}'` },
	{ language: 'Ruby hash', line: (v) => `  :api_key => '${v}',` },
	{ language: 'Go :=', line: (v) => `\tapiKey := "${v}"` },
	{ language: 'Go const', line: (v) => `const AuthToken = \`${v}\`` },
	{ language: 'Go typed var', line: (v) => `var apiKey string = "${v}"` },
	{ language: 'PHP variable', line: (v) => `$password = '${v}';` },
	{ language: 'PHP array', line: (v) => `    'secret' => '${v}',` },
	{ language: 'PHP define', line: (v) => `define('AUTH_KEY', '${v}');` },
	{ language: 'shell export', line: (v) => `export API_TOKEN="${v}"` },
	{ language: '.env', line: (v) => `DB_PASSWORD=${v}` },
	{ language: 'YAML', line: (v) => `  password: ${v}` },
	{ language: 'YAML quoted', line: (v) => `  client_secret: "${v}"` },
	{ language: 'TOML', line: (v) => `token = "${v}"` },
	{ language: 'JSON', line: (v) => `  "apiKey": "${v}",` },
	{ language: 'INI', line: (v) => `secret_key = ${v}` },
	{ language: 'Makefile :=', line: (v) => `DEPLOY_TOKEN := ${v}` },
	{ language: 'Makefile ?=', line: (v) => `API_KEY ?= ${v}` },
	{ language: 'XML element', line: (v) => `  <password>${v}</password>` },
	{ language: 'XML attribute', line: (v) => `<connection user="app" password="${v}" />` },
	{ language: '.NET appSettings', line: (v) => `<add key="ApiKey" value="${v}" />` },
	{ language: 'Android strings.xml', line: (v) => `<string name="api_key">${v}</string>` },
	{ language: 'Java XML properties', line: (v) => `<entry key="db.password">${v}</entry>` },
	{ language: 'Java properties', line: (v) => `spring.datasource.password=${v}` },
	{
		language: 'URL query',
		line: (v) => `GET https://api.internal/v1/items?access_token=${v}&page=2`
	},
	{ language: 'Java', line: (v) => `private static final String API_KEY = "${v}";` },
	{ language: 'C#', line: (v) => `public const string ClientSecret = @"${v}";` },
	{ language: 'Kotlin', line: (v) => `val accessToken = "${v}"` },
	{ language: 'Rust', line: (v) => `let api_key = "${v}";` },
	{
		language: 'HTTP header',
		line: (v) => `curl -H "Authorization: Bearer ${v}" https://api.internal/v1`
	}
];

/** Connection URLs of many schemes, with a generated password. */
export const urlForms: readonly ((password: string) => string)[] = [
	(p) => `DATABASE_URL=postgres://app:${p}@db.internal:5432/app`,
	(p) => `url: "postgresql://svc_user:${p}@10.0.0.5/orders"`,
	(p) => `const uri = "mongodb+srv://admin:${p}@cluster0.ab1cd.mongodb.net/prod";`,
	(p) => `REDIS_URL=redis://:${p}@cache.internal:6379/0`,
	(p) => `amqp_url = "amqp://worker:${p}@mq.internal:5672/%2f"`,
	(p) => `git clone https://deploy:${p}@git.internal.dev/team/app.git`,
	(p) => `  <url>mysql://root2:${p}@mysql.internal/app</url>`
];
