#!/usr/bin/env python3
"""Builds the shipped catalogs and the Swift file that embeds them in the binary.

Facts (ids, titles, mappings, flags, framework ids) come from the reference compendium in
../shared/reference. Our own words (descriptions and summaries) come from the catalogs already in
Catalog/, so re-running keeps them; `--seed DIR` reads them from text files instead (first build).

    python3 scripts/build-catalogs.py            # refresh facts, keep our text, re-embed
    python3 scripts/build-catalogs.py --embed-only

The embedded Swift file must match Catalog/*.json byte for byte; a test checks that.
"""
import argparse
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG_DIR = os.path.join(ROOT, "Catalog")
SWIFT_OUT = os.path.join(ROOT, "Sources", "DASFEngine", "Catalog", "BuiltinCatalogs+Data.swift")
SWIFT_VALUES = os.path.join(ROOT, "Sources", "DASFEngine", "Catalog", "BuiltinCatalogs+Values.swift")
REFERENCE = os.path.join(ROOT, "..", "shared", "reference", "dasf-2.0-compendium.json")
# Our facilitation prompts (talking points and questions per stage and component).
FACILITATION = os.path.join(ROOT, "scripts", "facilitation.json")

MODEL_IDS = {
    "Predictive ML Models": "predictive-ml",
    "RAG - LLMs": "rag",
    "Fine-tuned LLMs": "fine-tuned",
    "Pre-trained LLMs": "pre-trained",
    "Foundational LLMs": "foundation-api",
    "External Models": "external",
}
STAGE_IDS = {
    "Data operations": "data-operations",
    "Model operations": "model-operations",
    "Model deployment and serving": "model-deployment-and-serving",
    "Operations and Platform": "operations-and-platform",
}
STAGE_NAMES = {
    "data-operations": "Data operations",
    "model-operations": "Model operations",
    "model-deployment-and-serving": "Model deployment and serving",
    "operations-and-platform": "Operations and platform",
}
# Our short labels, for where the full name does not fit (the map at 80 columns, the SVG map):
# each keeps the word that tells a box from its neighbours (9 requests, 10 responses).
STAGE_SHORT = {
    "data-operations": "Data",
    "model-operations": "Models",
    "model-deployment-and-serving": "Serving",
    "operations-and-platform": "Platform",
}
COMPONENT_SHORT = {
    1: "Raw data", 2: "Data prep", 3: "Datasets", 4: "Governance", 5: "Algorithms", 6: "Evaluation",
    7: "Model build", 8: "Model mgmt", 9: "Requests", 10: "Responses", 11: "MLOps", 12: "Platform",
}
FRAMEWORKS = [
    ("mitre-atlas", "MITRE ATLAS"),
    ("mitre-attack", "MITRE ATT&CK"),
    ("owasp-llm-2023", "OWASP Top 10 for LLM Applications (2023, v1.1 numbering)"),
    ("owasp-ml-2023", "OWASP Machine Learning Security Top 10 (2023)"),
    ("nist-800-53r5", "NIST SP 800-53 Rev. 5"),
    ("iso-42001", "ISO/IEC 42001:2023"),
    ("iso-27001-2022", "ISO/IEC 27001:2022"),
    ("eu-ai-act", "EU AI Act"),
]
RISK_FRAMEWORK_FIELDS = {
    "mitre-atlas": "mitre_atlas",
    "mitre-attack": "mitre_attack",
    "owasp-llm-2023": "owasp_llm_top10_2023",
    "owasp-ml-2023": "owasp_ml_top10",
    "nist-800-53r5": "nist_800_53r5",
    "iso-42001": "iso_42001",
    "iso-27001-2022": "iso_27001_2022",
    "eu-ai-act": "eu_ai_act",
}
CONTROL_FRAMEWORK_FIELDS = {
    "mitre-atlas": "mitre_atlas_mitigations",
    "nist-800-53r5": "nist_800_53r5",
    "iso-42001": "iso_42001",
    "iso-27001-2022": "iso_27001_2022",
}
CREDIT = (
    "Facts (ids, titles, components, risk-to-control mapping, deployment-model flags, impact labels "
    "and cross-framework ids) from the Databricks AI Security Framework (DASF) 2.0 compendium by "
    "Databricks, as exported in the public repository arunpamulapati/dasf_assistant (commit 84d34c7, "
    "2025-01-16), licensed CC BY-SA 4.0. Descriptions and summaries written by the dasf project and "
    "shared under the same licence."
)


def read_seed(directory):
    """Our text from the seed files: 'ID|text' lines, and the structure file."""
    text = {"risks": {}, "controls": {}, "controls-1.0": {}, "stages": {}, "components": {}, "models": {}}
    for name, key in (("risks.txt", "risks"), ("controls.txt", "controls"), ("v1controls.txt", "controls-1.0")):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    ident, body = line.rstrip("\n").split("|", 1)
                    text[key][ident] = body
    with open(os.path.join(directory, "structure.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("|")
            if parts[0] == "stage":
                text["stages"][parts[1]] = parts[2]
            elif parts[0] == "component":
                text["components"][int(parts[1])] = parts[2]
            elif parts[0] == "model":
                text["models"][parts[1]] = (parts[2], parts[3])
    return text


def read_existing():
    """Our text from the catalogs already shipped, so a refresh never loses it."""
    with open(os.path.join(CATALOG_DIR, "dasf-2.0.json"), encoding="utf-8") as f:
        v2 = json.load(f)
    with open(os.path.join(CATALOG_DIR, "dasf-1.0.json"), encoding="utf-8") as f:
        v1 = json.load(f)
    v1_controls = {c["id"]: c["description"] for c in v1["controls"]}
    return {
        "risks": {r["id"]: r["description"] for r in v2["risks"]},
        "controls": {c["id"]: c["description"] for c in v2["controls"]},
        "controls-1.0": {k: v1_controls[k] for k in ("DASF 38", "DASF 39")},
        "stages": {s["id"]: s["summary"] for s in v2["stages"]},
        "components": {c["id"]: c["summary"] for c in v2["components"]},
        "models": {m["id"]: (m["name"], m["summary"]) for m in v2["deploymentModels"]},
    }


def tidy_label(value):
    value = value.replace(" - ", " \u2014 ")
    return value.replace("Novel AI control/capability", "Novel AI Control/Capability").replace(
        "\u2014 academy", "\u2014 Academy")


def control_number(control_id):
    return int(control_id.split()[1])


with open(FACILITATION, encoding="utf-8") as _f:
    FACILITATE = json.load(_f)


def build_v2(ref, text):
    stages = []
    for name in ref["stages"]:
        sid = STAGE_IDS[name]
        stage = {"id": sid, "name": STAGE_NAMES[sid], "short": STAGE_SHORT[sid], "summary": text["stages"][sid]}
        if sid == "operations-and-platform":
            stage["foundation"] = True
        stage.update(FACILITATE["stages"].get(sid, {}))
        stages.append(stage)
    components = [
        dict({"id": c["id"], "name": c["name"], "short": COMPONENT_SHORT[c["id"]], "stage": STAGE_IDS[c["stage"]],
              "summary": text["components"][c["id"]]}, **FACILITATE["components"].get(str(c["id"]), {}))
        for c in ref["components"]
    ]
    models = [
        {"id": MODEL_IDS[m], "name": text["models"][MODEL_IDS[m]][0], "summary": text["models"][MODEL_IDS[m]][1]}
        for m in ref["deployment_models"]
    ]
    risks = []
    for r in ref["risks"]:
        frameworks = {fid: r[field] for fid, field in RISK_FRAMEWORK_FIELDS.items() if r[field]}
        risks.append({
            "id": r["id"],
            "title": r["title"],
            "component": r["component"],
            "revision": r["revision_corrected"],
            "description": text["risks"][r["id"]],
            "controls": r["controls"],
            "deploymentModels": [MODEL_IDS[m] for m in r["deployment_models"]],
            "category": r["ai_novelty"],
            "impacts": r["impacts"],
            "businessImpacts": r["business_impacts"],
            "frameworks": frameworks,
        })
    controls = []
    for c in ref["controls"]:
        frameworks = {fid: c[field] for fid, field in CONTROL_FRAMEWORK_FIELDS.items() if c[field]}
        controls.append({
            "id": c["id"],
            "title": c["title"],
            "revision": c["revision_tag"],
            "description": text["controls"][c["id"]],
            "type": c["control_type"],
            "responsibility": tidy_label(c["shared_responsibility"]),
            "kind": c["feature_or_control"],
            "novelty": tidy_label(c["ai_novelty"]),
            "appliesTo": c["stage_step"],
            "frameworks": frameworks,
        })
    return {
        "format": "dasf-catalog",
        "formatVersion": 1,
        "id": "dasf-2.0",
        "version": "2.0",
        "title": "Databricks AI Security Framework (DASF) 2.0",
        "source": CREDIT,
        "licence": "CC BY-SA 4.0",
        "derived": False,
        "notes": [
            "Risk 12.2 is the 1.0 risk renamed in 2.0 and 12.7 the 2.0 addition; the compendium's own revision tags on the two are swapped and are corrected here.",
            "OWASP LLM ids use the 2023 (v1.1) numbering.",
            "DASF 61 (training) mitigates no single risk in the compendium; it is listed all the same.",
        ],
        "meaningChanged": {"dasf-1.0": ["DASF 38", "DASF 39"]},
        "frameworks": [{"id": fid, "name": name} for fid, name in FRAMEWORKS],
        "deploymentModels": models,
        "stages": stages,
        "components": components,
        "risks": risks,
        "controls": controls,
    }


def build_v1(ref, v2, text):
    v1_components = {c["id"]: c["v1_whitepaper_name"] for c in ref["components"]}
    ref_risks = {r["id"]: r for r in ref["risks"]}
    ref_controls = {c["id"]: c for c in ref["controls"]}
    catalog = json.loads(json.dumps(v2))
    catalog.update({
        "meaningChanged": {"dasf-2.0": ["DASF 38", "DASF 39"]},
        "id": "dasf-1.0",
        "version": "1.0",
        "title": "Databricks AI Security Framework (DASF) 1.0",
        "derived": True,
        "notes": [
            "Derived, not published: no public source gives the 1.0 whitepaper's own risk-to-control mapping, so this catalog uses the 2.0 mapping restricted to controls DASF 1-53.",
            "Risk titles are those of the public DASF 1.0 risk list; the 55 risks are the 2.0 risks tagged 1.0.",
            "DASF 38 and DASF 39 carry their 1.0 meanings (vulnerability management; penetration testing and bug bounty), which differ from 2.0. Do not carry answers between 1.0 and 2.0 by control number alone for those two.",
        ],
    })
    for component in catalog["components"]:
        component["name"] = v1_components[component["id"]]
    risks = []
    for risk in catalog["risks"]:
        source = ref_risks[risk["id"]]
        if source["revision_corrected"] != "1.0":
            continue
        risk["title"] = source["v1_title_in_seed"]
        risk["controls"] = [c for c in risk["controls"] if control_number(c) <= 53]
        risks.append(risk)
    catalog["risks"] = risks
    controls = []
    for control in catalog["controls"]:
        if control_number(control["id"]) > 53:
            continue
        v1_title = ref_controls[control["id"]].get("v1_title")
        if v1_title:
            control["title"] = v1_title
            control["description"] = text["controls-1.0"][control["id"]]
        controls.append(control)
    catalog["controls"] = controls
    return catalog


def dump(catalog):
    return json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"


def embed():
    """Writes the Swift file holding each shipped catalog verbatim as a raw string literal."""
    parts = [
        "// Generated by scripts/build-catalogs.py from Catalog/*.json. Do not edit by hand.\n",
        "// Embedded so that dasf works from any directory and after the binary is copied elsewhere.\n\n",
        "extension BuiltinCatalogs {\n",
        "    /// Each shipped catalog's JSON text, exactly as in Catalog/, with the SHA-256 of its UTF-8\n",
        "    /// bytes worked out here rather than at every start (a test checks it).\n",
        "    static let sources: [(id: String, digest: String, text: String)] = [\n",
    ]
    for name in ("dasf-2.0", "dasf-1.0"):
        with open(os.path.join(CATALOG_DIR, name + ".json"), encoding="utf-8") as f:
            body = f.read()
        hashes = "#"
        while ('"""' + hashes) in body or ("\\" + hashes) in body:
            hashes += "#"
        digest = "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()
        parts.append(f'        ("{name}", "{digest}", {hashes}"""\n{body}\n"""{hashes}),\n')
    parts.append("    ]\n}\n")
    with open(SWIFT_OUT, "w", encoding="utf-8") as f:
        f.write("".join(parts))


def swift_string(value):
    """A Swift string literal for any text: quotes, backslashes and control characters escaped."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def swift_list(values):
    return "[" + ", ".join(swift_string(v) for v in values) + "]"


def swift_lists(mapping):
    if not mapping:
        return "[:]"
    return "[" + ", ".join(swift_string(k) + ": " + swift_list(v) for k, v in sorted(mapping.items())) + "]"


def swift_optional(value):
    return "nil" if value is None else swift_string(value)


def positions(c):
    """CatalogPositions(of:) in Swift, worked out the same way: duplicate ids count their first."""
    components, risks, controls = c["components"], c["risks"], c["controls"]
    def component_position(number):
        return next((i for i, co in enumerate(components) if co["id"] == number), None)
    control_index = {}
    for i, x in enumerate(controls):
        control_index.setdefault(x["id"], i)
    by_risk = [component_position(r["component"]) for r in risks]
    controls_by_risk = [[control_index[x] for x in r["controls"] if x in control_index] for r in risks]
    seen, risks_by_component, risks_by_control = set(), [[] for _ in components], [[] for _ in controls]
    for i, r in enumerate(risks):
        if r["id"] in seen:
            continue
        seen.add(r["id"])
        if by_risk[i] is not None:
            risks_by_component[by_risk[i]].append(i)
        for x in controls_by_risk[i]:
            risks_by_control[x].append(i)
    controls_by_component = [sorted({x for i in risks_by_component[k] for x in controls_by_risk[i]}) for k in range(len(components))]
    return {"risksByComponent": risks_by_component, "componentPositionByRisk": by_risk, "controlPositionsByRisk": controls_by_risk,
            "controlPositionsByComponent": controls_by_component, "risksByControl": risks_by_control}


def swift_positions(value):
    if isinstance(value, list):
        return "[" + ", ".join(swift_positions(v) for v in value) + "]"
    return "nil" if value is None else str(value)


def compile_values():
    """Writes the Swift file that builds each shipped catalog as ready-made values: no JSON is
    parsed or validated at start-up. A test checks they equal what the JSON gives."""
    lines = [
        "// Generated by scripts/build-catalogs.py from Catalog/*.json. Do not edit by hand.",
        "// The shipped catalogs as values, so starting dasf parses no JSON (a test checks they equal",
        "// the JSON's, validated).",
        "",
        "extension BuiltinCatalogs {",
    ]
    names = ("dasf-2.0", "dasf-1.0")

    def read(name):
        with open(os.path.join(CATALOG_DIR, name + ".json"), encoding="utf-8") as f:
            return json.load(f)

    def switch_on_id(doc, signature, value_of):
        """A function answering for each shipped catalog's id, nil for any other."""
        out = [f"    /// {doc}", f"    static func {signature} {{", "        switch id {"]
        out += [f'        case "{name}": return {value_of(name)}' for name in names]
        return out + ["        default: return nil", "        }", "    }"]

    def positions_of(name):
        p = positions(read(name))
        return "CatalogPositions(" + ", ".join(f"{key}: {swift_positions(p[key])}" for key in (
            "risksByComponent", "componentPositionByRisk", "controlPositionsByRisk", "controlPositionsByComponent", "risksByControl")) + ")"

    lines += switch_on_id("The catalog file of a shipped catalog, built from literals; nil for any other id.",
                          "compiled(_ id: String) -> CatalogFile?", lambda name: name.replace("-", "_").replace(".", "_") + "()")
    lines += [""] + switch_on_id("A shipped catalog's version, without building it (the map's \"newer DASF\" check).",
                                 "version(_ id: String) -> String?", lambda name: swift_string(read(name)["version"]))
    lines += [""] + switch_on_id("Where things are in a shipped catalog's arrays, worked out here (CatalogPositions).",
                                 "positions(_ id: String) -> CatalogPositions?", positions_of)
    for name in names:
        with open(os.path.join(CATALOG_DIR, name + ".json"), encoding="utf-8") as f:
            c = json.load(f)
        fn = name.replace("-", "_").replace(".", "_")
        lines += ["", f"    private static func {fn}() -> CatalogFile {{"]
        lines.append("        let frameworks: [Framework] = [" + ", ".join(
            f"Framework(id: {swift_string(x['id'])}, name: {swift_string(x['name'])})" for x in c.get("frameworks", [])) + "]")
        lines.append("        let models: [DeploymentModel] = [")
        for m in c["deploymentModels"]:
            lines.append(f"            DeploymentModel(id: {swift_string(m['id'])}, name: {swift_string(m['name'])}, summary: {swift_string(m.get('summary', ''))}),")
        lines.append("        ]")
        lines.append("        var stages: [Stage] = []")
        for st in c["stages"]:
            lines.append(f"        stages.append(Stage(id: {swift_string(st['id'])}, name: {swift_string(st['name'])}, short: {swift_optional(st.get('short'))}, "
                         f"summary: {swift_string(st.get('summary', ''))}, foundation: {'true' if st.get('foundation') else 'false'}, "
                         f"talkingPoints: {swift_list(st.get('talkingPoints', []))}, questions: {swift_list(st.get('questions', []))}))")
        lines.append("        var components: [Component] = []")
        for co in c["components"]:
            parts = ", ".join(f"ComponentPart(id: {swift_string(p['id'])}, name: {swift_string(p['name'])}, short: {swift_optional(p.get('short'))})" for p in co.get("parts", []))
            lines.append(f"        components.append(Component(id: {co['id']}, name: {swift_string(co['name'])}, short: {swift_optional(co.get('short'))}, "
                         f"stage: {swift_string(co['stage'])}, summary: {swift_string(co.get('summary', ''))}, "
                         f"talkingPoints: {swift_list(co.get('talkingPoints', []))}, questions: {swift_list(co.get('questions', []))}, parts: [{parts}]))")
        lines.append(f"        var risks: [Risk] = []")
        lines.append(f"        risks.reserveCapacity({len(c['risks'])})")
        for r in c["risks"]:
            lines.append(f"        risks.append(Risk(id: {swift_string(r['id'])}, title: {swift_string(r['title'])}, component: {r['component']}, "
                         f"part: {swift_string(r.get('part', ''))}, revision: {swift_string(r.get('revision', ''))}, description: {swift_string(r.get('description', ''))}, "
                         f"controls: {swift_list(r['controls'])}, deploymentModels: {swift_list(r['deploymentModels'])}, category: {swift_string(r.get('category', ''))}, "
                         f"impacts: {swift_list(r.get('impacts', []))}, businessImpacts: {swift_list(r.get('businessImpacts', []))}, frameworks: {swift_lists(r.get('frameworks', {}))}))")
        lines.append(f"        var controls: [Control] = []")
        lines.append(f"        controls.reserveCapacity({len(c['controls'])})")
        for x in c["controls"]:
            lines.append(f"        controls.append(Control(id: {swift_string(x['id'])}, title: {swift_string(x['title'])}, revision: {swift_string(x.get('revision', ''))}, "
                         f"description: {swift_string(x.get('description', ''))}, type: {swift_string(x.get('type', ''))}, responsibility: {swift_string(x.get('responsibility', ''))}, "
                         f"kind: {swift_string(x.get('kind', ''))}, novelty: {swift_string(x.get('novelty', ''))}, appliesTo: {swift_string(x.get('appliesTo', ''))}, "
                         f"frameworks: {swift_lists(x.get('frameworks', {}))}))")
        lines.append(f"        return CatalogFile(format: {swift_string(c['format'])}, formatVersion: {c['formatVersion']}, id: {swift_string(c['id'])}, "
                     f"version: {swift_string(c['version'])}, title: {swift_string(c.get('title', c['id']))}, source: {swift_string(c.get('source', ''))}, "
                     f"licence: {swift_string(c.get('licence', ''))}, derived: {'true' if c.get('derived') else 'false'}, notes: {swift_list(c.get('notes', []))}, "
                     f"meaningChanged: {swift_lists(c.get('meaningChanged', {}))}, frameworks: frameworks, deploymentModels: models, stages: stages, "
                     f"components: components, risks: risks, controls: controls)")
        lines.append("    }")
    lines += ["}", ""]
    with open(SWIFT_VALUES, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default=REFERENCE)
    parser.add_argument("--seed", help="directory of seed text files (first build)")
    parser.add_argument("--embed-only", action="store_true")
    args = parser.parse_args()
    if not args.embed_only:
        with open(args.reference, encoding="utf-8") as f:
            ref = json.load(f)
        text = read_seed(args.seed) if args.seed else read_existing()
        v2 = build_v2(ref, text)
        v1 = build_v1(ref, v2, text)
        os.makedirs(CATALOG_DIR, exist_ok=True)
        for catalog in (v2, v1):
            with open(os.path.join(CATALOG_DIR, catalog["id"] + ".json"), "w", encoding="utf-8") as f:
                f.write(dump(catalog))
    embed()
    compile_values()
    return 0


if __name__ == "__main__":
    sys.exit(main())
