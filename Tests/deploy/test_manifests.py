"""Checks the deployment files without a cluster or a Docker engine.

- deploy/k8s: `kubectl kustomize` renders the base and the example overlay; every object is
  validated with kubernetes-validate (strict: unknown fields are errors), the ServiceMonitors
  against the Prometheus Operator's CRD schema; then what an operator relies on is checked:
  probes on the ops port, resources, two brokers, CURVE keys from Secrets, an autoscaler per
  service on the brokers' real queue-depth metric, disruption budgets, a ServiceMonitor for
  every ops port.
- deploy/compose.yaml: validated against the Compose Specification's JSON schema, then the
  same promises: two brokers every process joins, the gateway published, keys and data volumes,
  PostgreSQL (healthy before any stateful service starts, its data in a named volume) behind
  every stateful service's MIZ_DATABASE_URL, no secret written in the file, replicas for
  requests and catalog; deploy/compose.sqlite.yaml merged over it puts them back on SQLite.

The metric, service and process names are read from the Swift sources, so a rename there
that the manifests miss fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
SCHEMAS = ROOT / "deploy" / "schema"
KUBERNETES_VERSION = "1.32.0"
EXTERNAL_SECRETS = {"miz-curve-keys", "miz-database", "miz-sms"}


# ---------------------------------------------------------------------------------------------
# What the Swift sources say


def broker_metric_names() -> set[str]:
    source = (ROOT / "Services/Broker/Library/BrokerMetrics.swift").read_text()
    return set(re.findall(r'label: "(miz_broker_[a-z_]+)"', source))


def services_by_process() -> dict[str, dict[str, object]]:
    """process name → bus service name (None for the gateway) and default ops port."""
    found: dict[str, dict[str, object]] = {}
    for path in (ROOT / "Services").glob("*/Library/*Service.swift"):
        source = path.read_text()
        process = re.search(r'static let processName = "([a-z-]+)"', source)
        port = re.search(r"static let defaultOpsPort = (\d+)", source)
        if not process or not port:
            continue
        service = re.search(r'static let serviceName = "([a-z-]+)"', source)
        found[process.group(1)] = {"service": service.group(1) if service else None, "ops": int(port.group(1))}
    return found


def test_swift_sources_read() -> None:
    assert {"miz_broker_queue_depth", "miz_broker_workers_busy"} <= broker_metric_names()
    processes = services_by_process()
    assert set(processes) == {"gateway", "catalog", "requests", "identity-verifier", "feedback", "notifier"}
    assert processes["identity-verifier"]["service"] == "identity"


# ---------------------------------------------------------------------------------------------
# Kubernetes


def render(folder: Path) -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed: `kubectl kustomize` cannot render deploy/k8s here")
    result = subprocess.run(
        [kubectl, "kustomize", str(folder)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def service_monitor_schema() -> dict:
    crd = yaml.safe_load((SCHEMAS / "monitoring.coreos.com_servicemonitors.yaml").read_text())
    version = next(v for v in crd["spec"]["versions"] if v["name"] == "v1")
    return version["schema"]["openAPIV3Schema"]


def unknown_fields(value: object, schema: dict, path: str = "") -> list[str]:
    """Fields the structural schema does not know: the API server would drop them silently."""
    if schema.get("x-kubernetes-preserve-unknown-fields"):
        return []
    problems: list[str] = []
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            if key in schema["properties"]:
                problems += unknown_fields(item, schema["properties"][key], f"{path}.{key}")
            elif not schema.get("additionalProperties"):
                problems.append(f"{path}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += unknown_fields(item, schema["items"], f"{path}[{index}]")
    return problems


OVERLAYS = [K8S / "base", K8S / "overlays" / "example"]


@pytest.mark.parametrize("folder", OVERLAYS, ids=lambda p: str(p.relative_to(K8S)))
def test_every_rendered_object_validates(folder: Path) -> None:
    objects = render(folder)
    monitor_schema = service_monitor_schema()
    checked = 0
    for obj in objects:
        name = f"{obj['kind']}/{obj['metadata']['name']}"
        if obj["apiVersion"].startswith("monitoring.coreos.com/"):
            assert obj["apiVersion"] == "monitoring.coreos.com/v1", name
            jsonschema.validate(obj, monitor_schema)
            assert unknown_fields(obj, monitor_schema) == [], name
        else:
            try:
                kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
            except kubernetes_validate.ValidationError as error:
                pytest.fail(f"{name}: {error.message} at {'.'.join(map(str, error.path))}")
        checked += 1
    assert checked == len(objects) and checked > 30


def by_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def test_deployments_probes_resources_and_keys() -> None:
    objects = render(K8S / "base")
    deployments = by_kind(objects, "Deployment")
    processes = services_by_process()
    assert set(deployments) == {"broker-a", "broker-b"} | set(processes)
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        process = container["command"][0]
        ops = next(p["containerPort"] for p in container["ports"] if p["name"] == "ops")
        assert container["args"][container["args"].index("--ops-port") + 1] == str(ops), name
        if process != "broker":
            assert ops == processes[process]["ops"], f"{name}: ops port differs from the service's default"
        assert container["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "ops"}, name
        assert container["livenessProbe"]["httpGet"] == {"path": "/live", "port": "ops"}, name
        for section in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][section]), name
        env = {e["name"]: e for e in container["env"]}
        assert env["MIZ_OPS_HOST"]["value"] == "0.0.0.0", f"{name}: the ops port must be reachable by probes"
        assert env["MIZ_CURVE"]["value"] == "on", name
        # CURVE keys come from the Secret, laid out as CurveKeyStore reads them.
        keys = next(v for v in pod["volumes"] if v["name"] == "keys")
        assert keys["secret"]["secretName"] == "miz-curve-keys"
        paths = {item["path"] for item in keys["secret"]["items"]}
        if process == "broker":
            assert {"broker.key", "broker.pub"} <= paths
            assert {f"authorized/{p}.pub" for p in processes} <= paths, f"{name}: a process is not admitted"
            assert container["args"][container["args"].index("--bind") + 1] == "tcp://0.0.0.0:5555"
        else:
            # The secrets every instance of a service must share: session and challenge keys.
            shared = {"identity-verifier": {"identity-session.key"}, "feedback": {"feedback-challenge.key"}}
            expected = {f"{process}.key", f"authorized/{process}.pub", "broker.pub"} | shared.get(process, set())
            assert paths == expected, name
            assert "broker.key" not in paths, f"{name}: a service must not hold the broker's secret"
            assert env["MIZ_BROKERS"]["value"] == "tcp://broker-a:5555,tcp://broker-b:5555", name
        mounts = {m["name"]: m for m in container["volumeMounts"]}
        assert mounts["keys"]["readOnly"] is True
        assert env["MIZ_KEYS"]["value"] == mounts["keys"]["mountPath"]


STATEFUL = ("catalog", "requests", "identity-verifier", "feedback", "notifier")


def test_stateful_services_require_the_database_secret() -> None:
    """Each stateful service reads MIZ_DATABASE_URL (DatabaseOptions) from miz-database, not
    optionally: without it a pod would keep SQLite in its emptyDir, different per pod."""
    options = (ROOT / "Shared/MizPostgres/DatabaseOptions.swift").read_text()
    assert '"MIZ_DATABASE_URL"' in options
    for process in STATEFUL:
        folder = next(
            path.parent.parent
            for path in (ROOT / "Services").glob("*/Library/*Service.swift")
            if f'static let processName = "{process}"' in path.read_text()
        )
        main = "".join(path.read_text() for path in (folder / "Main").glob("*.swift"))
        assert "@OptionGroup var database: DatabaseOptions" in main, f"{process}: no --database-url"
    deployments = by_kind(render(K8S / "base"), "Deployment")
    for name, deployment in deployments.items():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e for e in container["env"]}
        if name in STATEFUL:
            assert env["MIZ_DATABASE_URL"]["valueFrom"] == {"secretKeyRef": {"name": "miz-database", "key": "url"}}, name
        else:
            assert "MIZ_DATABASE_URL" not in env, name


def test_brokers_services_and_secrets() -> None:
    objects = render(K8S / "base")
    services = by_kind(objects, "Service")
    for broker in ("broker-a", "broker-b"):
        ports = {p["name"]: p["port"] for p in services[broker]["spec"]["ports"]}
        assert ports == {"bus": 5555, "ops": 9100}
        assert services[broker]["spec"]["selector"]["miz.gov.ir/instance"] == broker
    referenced: set[str] = set()
    for deployment in by_kind(objects, "Deployment").values():
        pod = deployment["spec"]["template"]["spec"]
        referenced |= {v["secret"]["secretName"] for v in pod["volumes"] if "secret" in v}
        for container in pod["containers"]:
            referenced |= {
                e["valueFrom"]["secretKeyRef"]["name"]
                for e in container["env"]
                if "secretKeyRef" in e.get("valueFrom", {})
            }
    assert referenced == EXTERNAL_SECRETS
    assert not by_kind(objects, "Secret"), "secrets are made by the operator, never committed"


def test_autoscalers_use_the_brokers_queue_depth() -> None:
    objects = render(K8S / "base")
    metrics = broker_metric_names()
    processes = services_by_process()
    autoscalers = by_kind(objects, "HorizontalPodAutoscaler")
    assert set(autoscalers) == set(processes)
    for name, hpa in autoscalers.items():
        assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
        assert hpa["spec"]["minReplicas"] >= 2
        external = [m["external"] for m in hpa["spec"]["metrics"] if m["type"] == "External"]
        service = processes[name]["service"]
        if service is None:
            assert external == [], "the gateway has no queue at the broker"
            continue
        (metric,) = external
        assert metric["metric"]["name"] == "miz_broker_queue_depth"
        assert metric["metric"]["name"] in metrics
        assert metric["metric"]["selector"]["matchLabels"] == {"service": service}
    adapter = yaml.safe_load((K8S / "prometheus-adapter-values.yaml").read_text())
    rules = adapter["rules"]["external"]
    exported = {rule["name"]["as"] for rule in rules}
    assert "miz_broker_queue_depth" in exported and exported <= metrics
    for rule in rules:
        assert rule["name"]["as"] in rule["seriesQuery"]
        assert "by (service)" in rule["metricsQuery"], "both brokers' figures are summed per service"


def test_disruption_budgets_and_service_monitors() -> None:
    objects = render(K8S / "base")
    pods = [d["spec"]["template"]["metadata"]["labels"] for d in by_kind(objects, "Deployment").values()]
    budgets = by_kind(objects, "PodDisruptionBudget")

    def selects(selector: dict, labels: dict) -> bool:
        return all(labels.get(k) == v for k, v in selector["matchLabels"].items())

    for labels in pods:
        covering = [b for b in budgets.values() if selects(b["spec"]["selector"], labels)]
        assert len(covering) == 1, labels
        assert covering[0]["spec"]["minAvailable"] == 1
    monitors = by_kind(objects, "ServiceMonitor")
    for name, service in by_kind(objects, "Service").items():
        if not any(p["name"] == "ops" for p in service["spec"]["ports"]):
            continue
        watching = [m for m in monitors.values() if selects(m["spec"]["selector"], service["metadata"]["labels"])]
        assert len(watching) == 1, f"Service {name}: its ops port is not scraped exactly once"
        assert watching[0]["spec"]["endpoints"] == [{"port": "ops", "path": "/metrics", "interval": "15s"}]


def test_example_overlay_changes_what_it_says() -> None:
    objects = render(K8S / "overlays" / "example")
    assert {o["metadata"].get("namespace") for o in objects if o["kind"] != "Namespace"} == {"miz"}
    images = {
        c["image"]
        for d in by_kind(objects, "Deployment").values()
        for c in d["spec"]["template"]["spec"]["containers"]
    }
    assert images == {"registry.example.org/natural-resources/miz:1.0.0"}
    autoscalers = by_kind(objects, "HorizontalPodAutoscaler")
    assert autoscalers["catalog"]["spec"]["maxReplicas"] == 20
    assert autoscalers["identity-verifier"]["spec"]["maxReplicas"] == 10
    # Every stateful service keeps its data in PostgreSQL: several pods, no volume of its own.
    deployments = by_kind(objects, "Deployment")
    assert by_kind(objects, "PersistentVolumeClaim") == {}
    for name in STATEFUL:
        assert name in autoscalers, name
        assert deployments[name]["spec"]["replicas"] >= 2, name
        assert "strategy" not in deployments[name]["spec"], f"{name}: rolled like any other Deployment"
    ingress = by_kind(objects, "Ingress")["gateway"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": "gateway", "port": {"name": "http"}}


# ---------------------------------------------------------------------------------------------
# Compose


def compose() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


def test_compose_validates_against_the_compose_specification() -> None:
    schema = json.loads((SCHEMAS / "compose-spec.json").read_text())
    jsonschema.Draft7Validator(schema).validate(compose())


def test_compose_engine_check_when_available() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no `docker compose` here: the file is checked against the Compose schema only")
    result = subprocess.run(
        [docker, "compose", "-f", str(ROOT / "deploy" / "compose.yaml"), "config", "--quiet"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_compose_runs_two_brokers_and_every_service() -> None:
    document = compose()
    services = document["services"]
    processes = services_by_process()
    assert set(services) == {"postgres", "broker-1", "broker-2"} | set(processes)
    for broker in ("broker-1", "broker-2"):
        assert services[broker]["command"][0] == "broker"
        assert services[broker]["environment"]["MIZ_BROKER_BIND"] == "tcp://0.0.0.0:5555"
        assert "keys:/keys" in services[broker]["volumes"]
    for process, facts in processes.items():
        service = services[process]
        command = service["command"]
        assert command[0] == process
        ops = int(command[command.index("--ops-port") + 1])
        assert ops == facts["ops"]
        assert f"http://127.0.0.1:{ops}/ready" in service["healthcheck"]["test"]
        assert service["environment"]["MIZ_BROKERS"] == "tcp://broker-1:5555,tcp://broker-2:5555"
        assert {"broker-1", "broker-2"} <= set(service["depends_on"])
        assert "keys:/keys" in service["volumes"]
        if facts["service"] is not None:
            assert f"{process.split('-')[0]}-data:/data" in service["volumes"], f"{process} keeps no data"
    assert services["gateway"]["ports"] == ["${MIZ_HTTP_PORT:-8080}:8080"]
    declared = set(document["volumes"])
    for name, service in services.items():
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in declared, f"{name}: undeclared volume {volume}"


COMPOSE_PASSWORD = re.compile(r"^\$\{MIZ_POSTGRES_PASSWORD:\?[^}]+\}$")


def test_compose_puts_every_stateful_service_on_postgres() -> None:
    """The stateful services reach the compose file's PostgreSQL, as its user and database,
    only once it is healthy; the brokers and the gateway keep no database."""
    services = compose()["services"]
    postgres = services["postgres"]["environment"]
    for name, service in services.items():
        env = service.get("environment", {})
        if name not in STATEFUL:
            assert "MIZ_DATABASE_URL" not in env, name
            continue
        url = re.fullmatch(r"postgres://([a-z]+):(\$\{[^}]+\})@([a-z-]+):(\d+)/([a-z]+)\?sslmode=disable", env["MIZ_DATABASE_URL"])
        assert url, f"{name}: MIZ_DATABASE_URL is not a URL of the compose file's PostgreSQL"
        user, password, host, port, database = url.groups()
        assert (host, port) == ("postgres", "5432"), name
        assert user == postgres["POSTGRES_USER"] and database == postgres["POSTGRES_DB"], name
        assert COMPOSE_PASSWORD.match(password), f"{name}: the password must come from MIZ_POSTGRES_PASSWORD"
        assert service["depends_on"]["postgres"] == {"condition": "service_healthy"}, name
        assert int(env["MIZ_DATABASE_POOL_MAX"].removeprefix("${MIZ_DATABASE_POOL_MAX:-").rstrip("}")) >= 1


def test_compose_postgres_keeps_its_data_and_says_when_it_is_ready() -> None:
    document = compose()
    postgres = document["services"]["postgres"]
    assert re.fullmatch(r"postgres:1[56](\.\d+)*", postgres["image"]), postgres["image"]
    (volume,) = postgres["volumes"]
    name, target = volume.split(":")
    assert target == "/var/lib/postgresql/data" and name in document["volumes"], "data must outlive the container"
    test = postgres["healthcheck"]["test"]
    assert test[:2] == ["CMD", "pg_isready"] and "--host" in test, "healthy only once it takes TCP connections"
    assert postgres["environment"]["POSTGRES_USER"] == test[test.index("--username") + 1]
    assert COMPOSE_PASSWORD.match(postgres["environment"]["POSTGRES_PASSWORD"])
    assert "ports" not in postgres, "the database is reached on the project's network only"
    # Room for every pool: each stateful service once, requests and catalog at 4 instances.
    command = postgres["command"]
    connections = int(next(c.split("=")[1] for c in command if c.startswith("max_connections=")))
    pool = document["services"]["requests"]["environment"]["MIZ_DATABASE_POOL_MAX"]
    pool_max = int(re.search(r":-(\d+)\}", pool).group(1))
    assert connections >= pool_max * (len(STATEFUL) + 3 + 3) + 3


SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN|_KEY)$")


def test_compose_holds_no_secret() -> None:
    """Passwords and keys come from the environment or deploy/.env, which git ignores; the file
    gives no default a deployment could keep by mistake."""
    text = (ROOT / "deploy" / "compose.yaml").read_text()
    for name, service in compose()["services"].items():
        for key, value in service.get("environment", {}).items():
            value = str(value)
            if SECRET_NAME.search(key):
                assert re.fullmatch(r"\$\{[A-Z_]+(:\?[^}]+|:-)?\}", value), f"{name}: {key} is written in the file"
            for password in re.findall(r"://[^:/@]+:([^@]*)@", value):
                assert re.fullmatch(r"\$\{[A-Z_]+(:\?[^}]+)?\}", password), f"{name}: {key} carries a password"
    assert not re.search(r"(PASSWORD|SECRET|TOKEN)[A-Z_]*:-[^}]", text), "a default secret in the file"
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "/deploy/.env" in ignored, "deploy/.env holds the password: git must ignore it"


def test_compose_scales_requests_and_catalog() -> None:
    services = compose()["services"]
    for name in ("requests", "catalog"):
        service = services[name]
        replicas = service["deploy"]["replicas"]
        assert replicas == f"${{MIZ_{name.upper()}_REPLICAS:-1}}", name
        # Several containers of one service: nothing in it may be unique to one container.
        assert "container_name" not in service and "ports" not in service, name
        assert "MIZ_INSTANCE" not in service["environment"], f"{name}: replicas would share one instance name"


class Override:
    """A `!override` value of a Compose file: it replaces what the files before it said."""

    def __init__(self, value: object) -> None:
        self.value = value


class ComposeLoader(yaml.SafeLoader):
    pass


ComposeLoader.add_constructor(
    "!override",
    lambda loader, node: Override(
        loader.construct_mapping(node, deep=True)
        if isinstance(node, yaml.MappingNode)
        else loader.construct_sequence(node, deep=True)
    ),
)


def merged(base: object, override: object) -> object:
    """Compose's merge rules as far as the files use them: mappings merge, sequences append,
    scalars and `!override` values replace."""
    if isinstance(override, Override):
        return override.value
    if isinstance(base, dict) and isinstance(override, dict):
        result = dict(base)
        for key, value in override.items():
            result[key] = merged(base[key], value) if key in base else merged(None, value)
        return result
    if isinstance(base, list) and isinstance(override, list):
        return base + [item for item in override if item not in base]
    if isinstance(override, dict):
        return {key: merged(None, value) for key, value in override.items()}
    return override


def test_compose_sqlite_override_runs_without_postgres() -> None:
    override = yaml.load((ROOT / "deploy" / "compose.sqlite.yaml").read_text(), Loader=ComposeLoader)
    document = merged(compose(), override)
    schema = json.loads((SCHEMAS / "compose-spec.json").read_text())
    jsonschema.Draft7Validator(schema).validate(document)
    services = document["services"]
    assert services["postgres"]["profiles"] == ["postgres"], "PostgreSQL must not start by default"
    for name in STATEFUL:
        service = services[name]
        assert service["environment"]["MIZ_DATABASE_URL"] == "", f"{name}: still on PostgreSQL"
        assert service["depends_on"] == {
            "broker-1": {"condition": "service_healthy"},
            "broker-2": {"condition": "service_healthy"},
        }, name
        assert service["environment"]["MIZ_DATA"] == "/data"
        assert f"{name.split('-')[0]}-data:/data" in service["volumes"], f"{name}: its SQLite file needs a volume"
    for name, service in services.items():
        assert "postgres" not in service.get("depends_on", {}), name


# ---------------------------------------------------------------------------------------------
# Dockerfile (no engine here: what the image promises is read from the file)


def executables() -> set[str]:
    manifest = (ROOT / "Package.swift").read_text()
    return set(re.findall(r'executable: "([a-z-]+)"', manifest))


def test_dockerfile_builds_every_executable_into_a_non_root_image() -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+) AS (\w+)$", dockerfile, flags=re.MULTILINE)
    assert [name for _, name in stages] == ["build", "runtime"]
    assert stages[0][0].startswith("swift:${SWIFT_VERSION}")
    copied = re.search(r"for executable in ([a-z -]+); do", dockerfile)
    assert copied and set(copied.group(1).split()) == executables() == {
        "broker", "gateway", "catalog", "requests", "identity-verifier", "feedback", "notifier", "desk"
    }
    assert '"$bin"/*.resources /staging/bin/' in dockerfile, "resource bundles must sit beside the binaries"
    runtime = dockerfile.split("AS runtime", 1)[1]
    assert "libzmq5" in runtime and "libzmq3-dev" not in runtime
    user = re.findall(r"^USER (\S+)$", runtime, flags=re.MULTILINE)
    assert user == ["miz:miz"]
    assert 'VOLUME ["/data"]' in runtime
    ignore = (ROOT / "deploy" / "Dockerfile.dockerignore").read_text().split()
    assert ".build" in ignore and "data" in ignore
