import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key2 of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key2) && key2 !== except)
        __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target2) => (target2 = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target2, "default", { value: mod, enumerable: true }) : target2,
  mod
));

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode2(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias2;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode2;
    exports.isPair = isPair;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key2, node, visitor, path) {
      const ctrl = callVisitor(key2, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path, ctrl);
        return visit_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key2, node, visitor, path) {
      const ctrl = await callVisitor(key2, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path, ctrl);
        return visitAsync_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key2, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key2, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key2, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key2, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key2, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key2, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key2, node, path);
      return void 0;
    }
    function replaceNode(key2, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key2] = node;
      } else if (identity.isPair(parent)) {
        if (key2 === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line2, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line2.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key2, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key2, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key2, ...rest] = path;
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key2);
        const node = this.get(key2, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key2, ...rest] = path;
        const node = this.get(key2, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.has(key2);
        const node = this.get(key2, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key2, ...rest] = path;
        if (rest.length === 0) {
          this.set(key2, value);
        } else {
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code2 = json.substr(i + 2, 4);
                switch (code2) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str += "\\x" + code2.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key: key2, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key2) && key2.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key2) || !identity.isNode(key2) && typeof key2 === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key2 || keyComment && value == null && !ctx.inFlow || identity.isCollection(key2) || (identity.isScalar(key2) ? key2.type === Scalar.Scalar.BLOCK_FOLDED || key2.type === Scalar.Scalar.BLOCK_LITERAL : typeof key2 === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key2, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key2) => (merge.identify(key2) || identity.isScalar(key2) && (!key2.type || key2.type === Scalar.Scalar.PLAIN) && merge.identify(key2.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key2, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key2))
            map.set(key2, value2);
        } else if (map instanceof Set) {
          map.add(key2);
        } else if (!Object.prototype.hasOwnProperty.call(map, key2)) {
          Object.defineProperty(map, key2, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key: key2, value }) {
      if (identity.isNode(key2) && key2.addToJSMap)
        key2.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key2))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key2, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key2, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key2, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key2) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key2.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key2, value, ctx) {
      const k = createNode.createNode(key2, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key2, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key2;
        this.value = value;
      }
      clone(schema) {
        let { key: key2, value } = this;
        if (identity.isNode(key2))
          key2 = key2.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key2, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line2 = lines[i];
          str += line2 ? `
${indent}${line2}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum2, line2) => sum2 + line2.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum2, line2) => sum2 + line2.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line2 of lines)
            str += line2 ? `
${indentStep}${indent}${line2}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key2) {
      const k = identity.isScalar(key2) ? key2.value : key2;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key2 || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key2, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key2, value);
          else if (Array.isArray(replacer) && !replacer.includes(key2))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key2, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key2, value] of obj)
            add(key2, value);
        } else if (obj && typeof obj === "object") {
          for (const key2 of Object.keys(obj))
            add(key2, obj[key2]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key2) {
        const it = findPair(this.items, key2);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const it = findPair(this.items, key2);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key2) {
        return !!findPair(this.items, key2);
      }
      set(key2, value) {
        this.add(new Pair.Pair(key2, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key2) {
        const idx = asItemIndex(key2);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key2, value) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key2}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key2 = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key2, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key2) {
      let idx = identity.isScalar(key2) ? key2.value : key2;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key2, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key2 = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key2 = keys[0];
              value = it[key2];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key2 = it;
          }
          pairs2.items.push(Pair.createPair(key2, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key2, value;
          if (identity.isPair(pair)) {
            key2 = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key2, ctx);
          } else {
            key2 = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key2))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key2, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key: key2 } of pairs$1.items) {
          if (identity.isScalar(key2)) {
            if (seenKeys.includes(key2.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key2.value}`);
            } else {
              seenKeys.push(key2.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key2) {
        let pair;
        if (identity.isPair(key2))
          pair = key2;
        else if (key2 && typeof key2 === "object" && "key" in key2 && "value" in key2 && key2.value === null)
          pair = new Pair.Pair(key2.key, null);
        else
          pair = new Pair.Pair(key2, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key2, keepPair) {
        const pair = YAMLMap.findPair(this.items, key2);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key2, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key2);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key2));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key2) => key2 !== "yaml11").map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key2, value, options = {}) {
        const k = this.createNode(key2, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        return assertCollection(this.contents) ? this.contents.delete(key2) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key2, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key2, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key2) {
        return identity.isCollection(this.contents) ? this.contents.has(key2) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key2, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key2], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key2, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code2, message) {
        super();
        this.name = name;
        this.code = code2;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLParseError", pos, code2, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLWarning", pos, code2, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line: line2, col } = error.linePos[0];
      error.message += ` at line ${line2}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line2 - 1], lc.lineStarts[line2]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line2 > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line2 - 2], lc.lineStarts[line2 - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line2 && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key2) {
      if (!key2)
        return null;
      switch (key2.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key2.source.includes("\n"))
            return true;
          if (key2.end) {
            for (const st of key2.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key2.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key: key2, sep: sep4, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key2 ?? sep4?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key2) {
            if (key2.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key2 && key2.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep4) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key2)) {
            onError(key2 ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key2 ? composeNode(ctx, key2, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key2, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep4 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key2 || key2.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep4, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep4 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep4 + cb;
              sep4 = "";
              break;
            }
            case "newline":
              if (comment)
                sep4 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key: key2, sep: sep4, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key2 ?? sep4?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep4 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key2))
            onError(
              key2,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep4 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep4, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key2 ? composeNode(ctx, key2, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key2))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep4 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep4)
                for (const st of sep4) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep4, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines2(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep4 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep4 + indent.slice(trimIndent) + content;
          sep4 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep4 === " ")
            sep4 = "\n";
          else if (!prevMoreIndented && sep4 === "\n")
            sep4 = "\n\n";
          value += sep4 + indent.slice(trimIndent) + content;
          sep4 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep4 === "\n")
            value += "\n";
          else
            sep4 = "\n";
        } else {
          value += sep4 + content;
          sep4 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines2(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code2, msg) => onError(offset + rel, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line2 = /(.*?)\r?\n/sy;
      let match = line2.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep4 = " ";
      let pos = line2.lastIndex;
      while (match = line2.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep4 === "\n")
            res += sep4;
          else
            sep4 = "\n";
        } else {
          res += sep4 + lm;
          sep4 = " ";
        }
        pos = line2.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep4 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer2 = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code2, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code2, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code2, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer2;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code2, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code2, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key2 of Object.keys(token))
          if (key2 !== "type" && key2 !== "offset")
            delete token[key2];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key2 of Object.keys(token))
            if (key2 !== "type" && key2 !== "offset")
              delete token[key2];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key: key2, sep: sep4, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key2)
        res += stringifyToken(key2);
      if (sep4)
        for (const st of sep4)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer2 = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line2 = this.getLine();
        if (line2 === null)
          return this.setNext("stream");
        if (line2[0] === cst.BOM) {
          yield* this.pushCount(1);
          line2 = line2.substring(1);
        }
        if (line2[0] === "%") {
          let dirEnd = line2.length;
          let cs = line2.indexOf("#");
          while (cs !== -1) {
            const ch = line2[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line2.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line2[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line2.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line2.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line2 = this.getLine();
        if (line2 === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line2[n]) {
          case "#":
            yield* this.pushCount(line2.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line2.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line2 = this.getLine();
        if (line2 === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line2[0] !== "#" || indent === 0 && (line2.startsWith("---") || line2.startsWith("...")) && isEmpty(line2[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line2[0] === "]" || line2[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line2[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line2[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line2.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer2;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target2, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target2, source);
      else
        for (let i = 0; i < source.length; ++i)
          target2.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser2 = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep4;
          if (scalar.end) {
            sep4 = scalar.end;
            sep4.push(this.sourceToken);
            delete scalar.end;
          } else
            sep4 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep4 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key2 = it.key;
                  const sep4 = it.sep;
                  sep4.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: key2, sep: sep4 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep4 = fc.end.splice(1, fc.end.length);
            sep4.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep4 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser2;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument3(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument3(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument3;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str) {
      const len = str.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return false;
        var length, i, keys;
        if (Array.isArray(a)) {
          length = a.length;
          if (length != b.length) return false;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return false;
          return true;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length) return false;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
        for (i = length; i-- !== 0; ) {
          var key2 = keys[i];
          if (!equal(a[key2], b[key2])) return false;
        }
        return true;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// node_modules/ajv-formats/dist/formats.js
var require_formats = __commonJS({
  "node_modules/ajv-formats/dist/formats.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.formatNames = exports.fastFormats = exports.fullFormats = void 0;
    function fmtDef(validate, compare) {
      return { validate, compare };
    }
    exports.fullFormats = {
      // date: http://tools.ietf.org/html/rfc3339#section-5.6
      date: fmtDef(date, compareDate),
      // date-time: http://tools.ietf.org/html/rfc3339#section-5.6
      time: fmtDef(getTime(true), compareTime),
      "date-time": fmtDef(getDateTime(true), compareDateTime),
      "iso-time": fmtDef(getTime(), compareIsoTime),
      "iso-date-time": fmtDef(getDateTime(), compareIsoDateTime),
      // duration: https://tools.ietf.org/html/rfc3339#appendix-A
      duration: /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,
      uri,
      "uri-reference": /^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i,
      // uri-template: https://tools.ietf.org/html/rfc6570
      "uri-template": /^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i,
      // For the source: https://gist.github.com/dperini/729294
      // For test cases: https://mathiasbynens.be/demo/url-regex
      url: /^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu,
      email: /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,
      hostname: /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,
      // optimized https://www.safaribooksonline.com/library/view/regular-expressions-cookbook/9780596802837/ch07s16.html
      ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
      ipv6: /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i,
      regex,
      // uuid: http://tools.ietf.org/html/rfc4122
      uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
      // JSON-pointer: https://tools.ietf.org/html/rfc6901
      // uri fragment: https://tools.ietf.org/html/rfc3986#appendix-A
      "json-pointer": /^(?:\/(?:[^~/]|~0|~1)*)*$/,
      "json-pointer-uri-fragment": /^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i,
      // relative JSON-pointer: http://tools.ietf.org/html/draft-luff-relative-json-pointer-00
      "relative-json-pointer": /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/,
      // the following formats are used by the openapi specification: https://spec.openapis.org/oas/v3.0.0#data-types
      // byte: https://github.com/miguelmota/is-base64
      byte,
      // signed 32 bit integer
      int32: { type: "number", validate: validateInt32 },
      // signed 64 bit integer
      int64: { type: "number", validate: validateInt64 },
      // C-type float
      float: { type: "number", validate: validateNumber },
      // C-type double
      double: { type: "number", validate: validateNumber },
      // hint to the UI to hide input strings
      password: true,
      // unchecked string payload
      binary: true
    };
    exports.fastFormats = {
      ...exports.fullFormats,
      date: fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d$/, compareDate),
      time: fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareTime),
      "date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareDateTime),
      "iso-time": fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoTime),
      "iso-date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoDateTime),
      // uri: https://github.com/mafintosh/is-my-json-valid/blob/master/formats.js
      uri: /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,
      "uri-reference": /^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,
      // email (sources from jsen validator):
      // http://stackoverflow.com/questions/201323/using-a-regular-expression-to-validate-an-email-address#answer-8829363
      // http://www.w3.org/TR/html5/forms.html#valid-e-mail-address (search for 'wilful violation')
      email: /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i
    };
    exports.formatNames = Object.keys(exports.fullFormats);
    function isLeapYear(year) {
      return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    }
    var DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
    var DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    function date(str) {
      const matches = DATE.exec(str);
      if (!matches)
        return false;
      const year = +matches[1];
      const month = +matches[2];
      const day = +matches[3];
      return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]);
    }
    function compareDate(d1, d2) {
      if (!(d1 && d2))
        return void 0;
      if (d1 > d2)
        return 1;
      if (d1 < d2)
        return -1;
      return 0;
    }
    var TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
    function getTime(strictTimeZone) {
      return function time(str) {
        const matches = TIME.exec(str);
        if (!matches)
          return false;
        const hr = +matches[1];
        const min = +matches[2];
        const sec = +matches[3];
        const tz = matches[4];
        const tzSign = matches[5] === "-" ? -1 : 1;
        const tzH = +(matches[6] || 0);
        const tzM = +(matches[7] || 0);
        if (tzH > 23 || tzM > 59 || strictTimeZone && !tz)
          return false;
        if (hr <= 23 && min <= 59 && sec < 60)
          return true;
        const utcMin = min - tzM * tzSign;
        const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
        return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
      };
    }
    function compareTime(s1, s2) {
      if (!(s1 && s2))
        return void 0;
      const t1 = (/* @__PURE__ */ new Date("2020-01-01T" + s1)).valueOf();
      const t2 = (/* @__PURE__ */ new Date("2020-01-01T" + s2)).valueOf();
      if (!(t1 && t2))
        return void 0;
      return t1 - t2;
    }
    function compareIsoTime(t1, t2) {
      if (!(t1 && t2))
        return void 0;
      const a1 = TIME.exec(t1);
      const a2 = TIME.exec(t2);
      if (!(a1 && a2))
        return void 0;
      t1 = a1[1] + a1[2] + a1[3];
      t2 = a2[1] + a2[2] + a2[3];
      if (t1 > t2)
        return 1;
      if (t1 < t2)
        return -1;
      return 0;
    }
    var DATE_TIME_SEPARATOR = /t|\s/i;
    function getDateTime(strictTimeZone) {
      const time = getTime(strictTimeZone);
      return function date_time(str) {
        const dateTime = str.split(DATE_TIME_SEPARATOR);
        return dateTime.length === 2 && date(dateTime[0]) && time(dateTime[1]);
      };
    }
    function compareDateTime(dt1, dt2) {
      if (!(dt1 && dt2))
        return void 0;
      const d1 = new Date(dt1).valueOf();
      const d2 = new Date(dt2).valueOf();
      if (!(d1 && d2))
        return void 0;
      return d1 - d2;
    }
    function compareIsoDateTime(dt1, dt2) {
      if (!(dt1 && dt2))
        return void 0;
      const [d1, t1] = dt1.split(DATE_TIME_SEPARATOR);
      const [d2, t2] = dt2.split(DATE_TIME_SEPARATOR);
      const res = compareDate(d1, d2);
      if (res === void 0)
        return void 0;
      return res || compareTime(t1, t2);
    }
    var NOT_URI_FRAGMENT = /\/|:/;
    var URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
    function uri(str) {
      return NOT_URI_FRAGMENT.test(str) && URI.test(str);
    }
    var BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;
    function byte(str) {
      BYTE.lastIndex = 0;
      return BYTE.test(str);
    }
    var MIN_INT32 = -(2 ** 31);
    var MAX_INT32 = 2 ** 31 - 1;
    function validateInt32(value) {
      return Number.isInteger(value) && value <= MAX_INT32 && value >= MIN_INT32;
    }
    function validateInt64(value) {
      return Number.isInteger(value);
    }
    function validateNumber() {
      return true;
    }
    var Z_ANCHOR = /[^\\]\\Z/;
    function regex(str) {
      if (Z_ANCHOR.test(str))
        return false;
      try {
        new RegExp(str);
        return true;
      } catch (e) {
        return false;
      }
    }
  }
});

// src/core/validate/generated/validators.cjs
var require_validators = __commonJS({
  "src/core/validate/generated/validators.cjs"(exports) {
    "use strict";
    exports.Config = validate10;
    var pattern0 = new RegExp("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", "u");
    var pattern1 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$", "u");
    var func2 = require_ucs2length().default;
    function validate12(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "name" || key0 === "description" || key0 === "labels")) {
            const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err2 = { instancePath: instancePath + "/name", schemaPath: "#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = { instancePath: instancePath + "/name", schemaPath: "#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data1 = data.description;
          if (typeof data1 === "string") {
            if (func2(data1) > 2e3) {
              const err4 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.labels !== void 0) {
          let data2 = data.labels;
          if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
            for (const key1 in data2) {
              const _errs9 = errors;
              if (typeof key1 === "string") {
                if (!pattern1.test(key1)) {
                  const err6 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$"', propertyName: key1 };
                  if (vErrors === null) {
                    vErrors = [err6];
                  } else {
                    vErrors.push(err6);
                  }
                  errors++;
                }
              }
              var valid2 = _errs9 === errors;
              if (!valid2) {
                const err7 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/propertyNames", keyword: "propertyNames", params: { propertyName: key1 }, message: "property name must be valid" };
                if (vErrors === null) {
                  vErrors = [err7];
                } else {
                  vErrors.push(err7);
                }
                errors++;
              }
            }
            for (const key2 in data2) {
              let data3 = data2[key2];
              if (typeof data3 === "string") {
                if (func2(data3) > 256) {
                  const err8 = { instancePath: instancePath + "/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/labels/additionalProperties/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters" };
                  if (vErrors === null) {
                    vErrors = [err8];
                  } else {
                    vErrors.push(err8);
                  }
                  errors++;
                }
              } else {
                const err9 = { instancePath: instancePath + "/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/labels/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err9];
                } else {
                  vErrors.push(err9);
                }
                errors++;
              }
            }
          } else {
            const err10 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
      } else {
        const err11 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      validate12.errors = vErrors;
      return errors === 0;
    }
    function validate15(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.type === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property 'type'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.path === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "path" }, message: "must have required property 'path'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "name" || key0 === "type" || key0 === "description" || key0 === "path" || key0 === "bucketBy")) {
            const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err4 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.type !== void 0) {
          let data1 = data.type;
          if (typeof data1 !== "string") {
            const err6 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
          if ("flagd" !== data1) {
            const err7 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/const", keyword: "const", params: { allowedValue: "flagd" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data2 = data.description;
          if (typeof data2 === "string") {
            if (func2(data2) > 2e3) {
              const err8 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
          } else {
            const err9 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
        if (data.path !== void 0) {
          let data3 = data.path;
          if (typeof data3 === "string") {
            if (func2(data3) > 1024) {
              const err10 = { instancePath: instancePath + "/path", schemaPath: "common.schema.json#/definitions/repoPath/maxLength", keyword: "maxLength", params: { limit: 1024 }, message: "must NOT have more than 1024 characters" };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
            if (func2(data3) < 1) {
              const err11 = { instancePath: instancePath + "/path", schemaPath: "common.schema.json#/definitions/repoPath/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/path", schemaPath: "common.schema.json#/definitions/repoPath/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        if (data.bucketBy !== void 0) {
          let data4 = data.bucketBy;
          if (typeof data4 === "string") {
            if (func2(data4) > 200) {
              const err13 = { instancePath: instancePath + "/bucketBy", schemaPath: "#/properties/bucketBy/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          } else {
            const err14 = { instancePath: instancePath + "/bucketBy", schemaPath: "#/properties/bucketBy/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
      } else {
        const err15 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
      validate15.errors = vErrors;
      return errors === 0;
    }
    function validate14(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.type === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property 'type'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        const tag0 = data.type;
        if (typeof tag0 == "string") {
          if (tag0 === "flagd") {
            if (!validate15(data, { instancePath, parentData, parentDataProperty, rootData })) {
              vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
              errors = vErrors.length;
            }
          } else {
            const err1 = { instancePath, schemaPath: "#/discriminator", keyword: "discriminator", params: { error: "mapping", tag: "type", tagValue: tag0 }, message: 'value of tag "type" must be in oneOf' };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        } else {
          const err2 = { instancePath, schemaPath: "#/discriminator", keyword: "discriminator", params: { error: "tag", tag: "type", tagValue: tag0 }, message: 'tag "type" must be string' };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      validate14.errors = vErrors;
      return errors === 0;
    }
    function validate19(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.type === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property 'type'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.path === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "path" }, message: "must have required property 'path'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "name" || key0 === "type" || key0 === "description" || key0 === "path")) {
            const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err4 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.type !== void 0) {
          let data1 = data.type;
          if (typeof data1 !== "string") {
            const err6 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
          if ("file" !== data1) {
            const err7 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/const", keyword: "const", params: { allowedValue: "file" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data2 = data.description;
          if (typeof data2 === "string") {
            if (func2(data2) > 2e3) {
              const err8 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
          } else {
            const err9 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
        if (data.path !== void 0) {
          let data3 = data.path;
          if (typeof data3 === "string") {
            if (func2(data3) > 1024) {
              const err10 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/maxLength", keyword: "maxLength", params: { limit: 1024 }, message: "must NOT have more than 1024 characters" };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
            if (func2(data3) < 1) {
              const err11 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
      } else {
        const err13 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
      validate19.errors = vErrors;
      return errors === 0;
    }
    function validate18(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.type === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property 'type'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        const tag0 = data.type;
        if (typeof tag0 == "string") {
          if (tag0 === "file") {
            if (!validate19(data, { instancePath, parentData, parentDataProperty, rootData })) {
              vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
              errors = vErrors.length;
            }
          } else {
            const err1 = { instancePath, schemaPath: "#/discriminator", keyword: "discriminator", params: { error: "mapping", tag: "type", tagValue: tag0 }, message: 'value of tag "type" must be in oneOf' };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        } else {
          const err2 = { instancePath, schemaPath: "#/discriminator", keyword: "discriminator", params: { error: "tag", tag: "type", tagValue: tag0 }, message: 'tag "type" must be string' };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      validate18.errors = vErrors;
      return errors === 0;
    }
    var schema23 = { "title": "MetricDefinition", "description": "A metric: what it measures, which way is worse, and where it comes from.", "type": "object", "additionalProperties": false, "required": ["name", "source", "type", "direction"], "properties": { "name": { "type": "string", "pattern": "^[a-z][a-z0-9_]{0,62}$", "description": "Name gates and rollback criteria use (snake_case)." }, "source": { "$ref": "common.schema.json#/definitions/name", "description": "The metric source it is read from." }, "type": { "type": "string", "enum": ["proportion", "continuous"], "description": "`proportion`: a rate of events per request (errors, task completion, refusals), read as successes and trials. `continuous`: a value per request (latency, cost, tokens), read as samples, sufficient statistics or histogram buckets." }, "direction": { "type": "string", "enum": ["lower-is-better", "higher-is-better"], "description": "Which way is better, so that margins and rollback criteria know which way is worse." }, "unit": { "type": "string", "maxLength": 40, "description": "Unit shown in reports (`ms`, `USD`, `tokens`)." }, "query": { "type": "string", "maxLength": 4e3, "description": "What the source is asked for. For a file source: the metric's key in the file (default: the metric name)." }, "description": { "type": "string", "maxLength": 2e3, "description": "What the metric measures, for humans." } } };
    var pattern5 = new RegExp("^[a-z][a-z0-9_]{0,62}$", "u");
    function validate22(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.source === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "source" }, message: "must have required property 'source'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.type === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property 'type'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        if (data.direction === void 0) {
          const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "direction" }, message: "must have required property 'direction'" };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "name" || key0 === "source" || key0 === "type" || key0 === "direction" || key0 === "unit" || key0 === "query" || key0 === "description")) {
            const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 === "string") {
            if (!pattern5.test(data0)) {
              const err5 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/pattern", keyword: "pattern", params: { pattern: "^[a-z][a-z0-9_]{0,62}$" }, message: 'must match pattern "^[a-z][a-z0-9_]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err5];
              } else {
                vErrors.push(err5);
              }
              errors++;
            }
          } else {
            const err6 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        if (data.source !== void 0) {
          let data1 = data.source;
          if (typeof data1 === "string") {
            if (!pattern0.test(data1)) {
              const err7 = { instancePath: instancePath + "/source", schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err7];
              } else {
                vErrors.push(err7);
              }
              errors++;
            }
          } else {
            const err8 = { instancePath: instancePath + "/source", schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data.type !== void 0) {
          let data2 = data.type;
          if (typeof data2 !== "string") {
            const err9 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
          if (!(data2 === "proportion" || data2 === "continuous")) {
            const err10 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/enum", keyword: "enum", params: { allowedValues: schema23.properties.type.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        if (data.direction !== void 0) {
          let data3 = data.direction;
          if (typeof data3 !== "string") {
            const err11 = { instancePath: instancePath + "/direction", schemaPath: "#/properties/direction/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
          if (!(data3 === "lower-is-better" || data3 === "higher-is-better")) {
            const err12 = { instancePath: instancePath + "/direction", schemaPath: "#/properties/direction/enum", keyword: "enum", params: { allowedValues: schema23.properties.direction.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        if (data.unit !== void 0) {
          let data4 = data.unit;
          if (typeof data4 === "string") {
            if (func2(data4) > 40) {
              const err13 = { instancePath: instancePath + "/unit", schemaPath: "#/properties/unit/maxLength", keyword: "maxLength", params: { limit: 40 }, message: "must NOT have more than 40 characters" };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          } else {
            const err14 = { instancePath: instancePath + "/unit", schemaPath: "#/properties/unit/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data.query !== void 0) {
          let data5 = data.query;
          if (typeof data5 === "string") {
            if (func2(data5) > 4e3) {
              const err15 = { instancePath: instancePath + "/query", schemaPath: "#/properties/query/maxLength", keyword: "maxLength", params: { limit: 4e3 }, message: "must NOT have more than 4000 characters" };
              if (vErrors === null) {
                vErrors = [err15];
              } else {
                vErrors.push(err15);
              }
              errors++;
            }
          } else {
            const err16 = { instancePath: instancePath + "/query", schemaPath: "#/properties/query/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data6 = data.description;
          if (typeof data6 === "string") {
            if (func2(data6) > 2e3) {
              const err17 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err17];
              } else {
                vErrors.push(err17);
              }
              errors++;
            }
          } else {
            const err18 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        }
      } else {
        const err19 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
      validate22.errors = vErrors;
      return errors === 0;
    }
    var pattern2 = new RegExp("^[A-Za-z0-9._/-]{1,200}$", "u");
    var pattern7 = new RegExp("^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$", "u");
    function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      ;
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.apiVersion === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apiVersion" }, message: "must have required property 'apiVersion'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.kind === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.metadata === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "metadata" }, message: "must have required property 'metadata'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        if (data.spec === void 0) {
          const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "spec" }, message: "must have required property 'spec'" };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "apiVersion" || key0 === "kind" || key0 === "metadata" || key0 === "spec")) {
            const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        }
        if (data.apiVersion !== void 0) {
          let data0 = data.apiVersion;
          if (typeof data0 !== "string") {
            const err5 = { instancePath: instancePath + "/apiVersion", schemaPath: "common.schema.json#/definitions/apiVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
          if ("glidepath.dev/v1" !== data0) {
            const err6 = { instancePath: instancePath + "/apiVersion", schemaPath: "common.schema.json#/definitions/apiVersion/const", keyword: "const", params: { allowedValue: "glidepath.dev/v1" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        if (data.kind !== void 0) {
          let data1 = data.kind;
          if (typeof data1 !== "string") {
            const err7 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
          if ("Config" !== data1) {
            const err8 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/const", keyword: "const", params: { allowedValue: "Config" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data.metadata !== void 0) {
          if (!validate12(data.metadata, { instancePath: instancePath + "/metadata", parentData: data, parentDataProperty: "metadata", rootData })) {
            vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
            errors = vErrors.length;
          }
        }
        if (data.spec !== void 0) {
          let data3 = data.spec;
          if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
            if (data3.providers === void 0) {
              const err9 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "providers" }, message: "must have required property 'providers'" };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
            if (data3.metrics === void 0) {
              const err10 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "metrics" }, message: "must have required property 'metrics'" };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
            for (const key1 in data3) {
              if (!(key1 === "stateBranch" || key1 === "providers" || key1 === "metrics" || key1 === "traffic" || key1 === "approvers")) {
                const err11 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err11];
                } else {
                  vErrors.push(err11);
                }
                errors++;
              }
            }
            if (data3.stateBranch !== void 0) {
              let data4 = data3.stateBranch;
              if (typeof data4 === "string") {
                if (!pattern2.test(data4)) {
                  const err12 = { instancePath: instancePath + "/spec/stateBranch", schemaPath: "#/properties/spec/properties/stateBranch/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._/-]{1,200}$" }, message: 'must match pattern "^[A-Za-z0-9._/-]{1,200}$"' };
                  if (vErrors === null) {
                    vErrors = [err12];
                  } else {
                    vErrors.push(err12);
                  }
                  errors++;
                }
              } else {
                const err13 = { instancePath: instancePath + "/spec/stateBranch", schemaPath: "#/properties/spec/properties/stateBranch/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            }
            if (data3.providers !== void 0) {
              let data5 = data3.providers;
              if (Array.isArray(data5)) {
                if (data5.length < 1) {
                  const err14 = { instancePath: instancePath + "/spec/providers", schemaPath: "#/properties/spec/properties/providers/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                  if (vErrors === null) {
                    vErrors = [err14];
                  } else {
                    vErrors.push(err14);
                  }
                  errors++;
                }
                const len0 = data5.length;
                for (let i0 = 0; i0 < len0; i0++) {
                  if (!validate14(data5[i0], { instancePath: instancePath + "/spec/providers/" + i0, parentData: data5, parentDataProperty: i0, rootData })) {
                    vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
                    errors = vErrors.length;
                  }
                }
              } else {
                const err15 = { instancePath: instancePath + "/spec/providers", schemaPath: "#/properties/spec/properties/providers/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
            }
            if (data3.metrics !== void 0) {
              let data7 = data3.metrics;
              if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
                if (data7.sources === void 0) {
                  const err16 = { instancePath: instancePath + "/spec/metrics", schemaPath: "#/properties/spec/properties/metrics/required", keyword: "required", params: { missingProperty: "sources" }, message: "must have required property 'sources'" };
                  if (vErrors === null) {
                    vErrors = [err16];
                  } else {
                    vErrors.push(err16);
                  }
                  errors++;
                }
                if (data7.definitions === void 0) {
                  const err17 = { instancePath: instancePath + "/spec/metrics", schemaPath: "#/properties/spec/properties/metrics/required", keyword: "required", params: { missingProperty: "definitions" }, message: "must have required property 'definitions'" };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                }
                for (const key2 in data7) {
                  if (!(key2 === "sources" || key2 === "definitions")) {
                    const err18 = { instancePath: instancePath + "/spec/metrics", schemaPath: "#/properties/spec/properties/metrics/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err18];
                    } else {
                      vErrors.push(err18);
                    }
                    errors++;
                  }
                }
                if (data7.sources !== void 0) {
                  let data8 = data7.sources;
                  if (Array.isArray(data8)) {
                    if (data8.length < 1) {
                      const err19 = { instancePath: instancePath + "/spec/metrics/sources", schemaPath: "#/properties/spec/properties/metrics/properties/sources/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                      if (vErrors === null) {
                        vErrors = [err19];
                      } else {
                        vErrors.push(err19);
                      }
                      errors++;
                    }
                    const len1 = data8.length;
                    for (let i1 = 0; i1 < len1; i1++) {
                      if (!validate18(data8[i1], { instancePath: instancePath + "/spec/metrics/sources/" + i1, parentData: data8, parentDataProperty: i1, rootData })) {
                        vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);
                        errors = vErrors.length;
                      }
                    }
                  } else {
                    const err20 = { instancePath: instancePath + "/spec/metrics/sources", schemaPath: "#/properties/spec/properties/metrics/properties/sources/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                      vErrors = [err20];
                    } else {
                      vErrors.push(err20);
                    }
                    errors++;
                  }
                }
                if (data7.definitions !== void 0) {
                  let data10 = data7.definitions;
                  if (Array.isArray(data10)) {
                    if (data10.length < 1) {
                      const err21 = { instancePath: instancePath + "/spec/metrics/definitions", schemaPath: "#/properties/spec/properties/metrics/properties/definitions/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                      if (vErrors === null) {
                        vErrors = [err21];
                      } else {
                        vErrors.push(err21);
                      }
                      errors++;
                    }
                    const len2 = data10.length;
                    for (let i2 = 0; i2 < len2; i2++) {
                      if (!validate22(data10[i2], { instancePath: instancePath + "/spec/metrics/definitions/" + i2, parentData: data10, parentDataProperty: i2, rootData })) {
                        vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
                        errors = vErrors.length;
                      }
                    }
                  } else {
                    const err22 = { instancePath: instancePath + "/spec/metrics/definitions", schemaPath: "#/properties/spec/properties/metrics/properties/definitions/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                      vErrors = [err22];
                    } else {
                      vErrors.push(err22);
                    }
                    errors++;
                  }
                }
              } else {
                const err23 = { instancePath: instancePath + "/spec/metrics", schemaPath: "#/properties/spec/properties/metrics/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err23];
                } else {
                  vErrors.push(err23);
                }
                errors++;
              }
            }
            if (data3.traffic !== void 0) {
              let data12 = data3.traffic;
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                if (data12.requestsPerHour === void 0) {
                  const err24 = { instancePath: instancePath + "/spec/traffic", schemaPath: "common.schema.json#/definitions/traffic/required", keyword: "required", params: { missingProperty: "requestsPerHour" }, message: "must have required property 'requestsPerHour'" };
                  if (vErrors === null) {
                    vErrors = [err24];
                  } else {
                    vErrors.push(err24);
                  }
                  errors++;
                }
                for (const key3 in data12) {
                  if (!(key3 === "requestsPerHour")) {
                    const err25 = { instancePath: instancePath + "/spec/traffic", schemaPath: "common.schema.json#/definitions/traffic/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err25];
                    } else {
                      vErrors.push(err25);
                    }
                    errors++;
                  }
                }
                if (data12.requestsPerHour !== void 0) {
                  let data13 = data12.requestsPerHour;
                  if (typeof data13 == "number" && isFinite(data13)) {
                    if (data13 <= 0 || isNaN(data13)) {
                      const err26 = { instancePath: instancePath + "/spec/traffic/requestsPerHour", schemaPath: "common.schema.json#/definitions/traffic/properties/requestsPerHour/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
                      if (vErrors === null) {
                        vErrors = [err26];
                      } else {
                        vErrors.push(err26);
                      }
                      errors++;
                    }
                  } else {
                    const err27 = { instancePath: instancePath + "/spec/traffic/requestsPerHour", schemaPath: "common.schema.json#/definitions/traffic/properties/requestsPerHour/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                    if (vErrors === null) {
                      vErrors = [err27];
                    } else {
                      vErrors.push(err27);
                    }
                    errors++;
                  }
                }
              } else {
                const err28 = { instancePath: instancePath + "/spec/traffic", schemaPath: "common.schema.json#/definitions/traffic/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err28];
                } else {
                  vErrors.push(err28);
                }
                errors++;
              }
            }
            if (data3.approvers !== void 0) {
              let data14 = data3.approvers;
              if (Array.isArray(data14)) {
                const len3 = data14.length;
                for (let i3 = 0; i3 < len3; i3++) {
                  let data15 = data14[i3];
                  if (typeof data15 === "string") {
                    if (!pattern7.test(data15)) {
                      const err29 = { instancePath: instancePath + "/spec/approvers/" + i3, schemaPath: "#/properties/spec/properties/approvers/items/pattern", keyword: "pattern", params: { pattern: "^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$" }, message: 'must match pattern "^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"' };
                      if (vErrors === null) {
                        vErrors = [err29];
                      } else {
                        vErrors.push(err29);
                      }
                      errors++;
                    }
                  } else {
                    const err30 = { instancePath: instancePath + "/spec/approvers/" + i3, schemaPath: "#/properties/spec/properties/approvers/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err30];
                    } else {
                      vErrors.push(err30);
                    }
                    errors++;
                  }
                }
                let i4 = data14.length;
                let j0;
                if (i4 > 1) {
                  const indices0 = {};
                  for (; i4--; ) {
                    let item0 = data14[i4];
                    if (typeof item0 !== "string") {
                      continue;
                    }
                    if (typeof indices0[item0] == "number") {
                      j0 = indices0[item0];
                      const err31 = { instancePath: instancePath + "/spec/approvers", schemaPath: "#/properties/spec/properties/approvers/uniqueItems", keyword: "uniqueItems", params: { i: i4, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i4 + " are identical)" };
                      if (vErrors === null) {
                        vErrors = [err31];
                      } else {
                        vErrors.push(err31);
                      }
                      errors++;
                      break;
                    }
                    indices0[item0] = i4;
                  }
                }
              } else {
                const err32 = { instancePath: instancePath + "/spec/approvers", schemaPath: "#/properties/spec/properties/approvers/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err32];
                } else {
                  vErrors.push(err32);
                }
                errors++;
              }
            }
          } else {
            const err33 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
      } else {
        const err34 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
      validate10.errors = vErrors;
      return errors === 0;
    }
    exports.RolloutPolicy = validate24;
    var schema26 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://glidepath.dev/schemas/v1/rollout-policy.schema.json", "title": "RolloutPolicy", "description": "`policies/*.yaml`: how a release rolls out \u2014 stages, the gates each must pass, rollback criteria, approvals and deploy windows. Written before the change ships, reusable across releases.", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind", "metadata", "spec"], "properties": { "apiVersion": { "$ref": "common.schema.json#/definitions/apiVersion" }, "kind": { "type": "string", "const": "RolloutPolicy", "description": "Always `RolloutPolicy`." }, "metadata": { "$ref": "common.schema.json#/definitions/metadata" }, "spec": { "type": "object", "description": "The policy.", "additionalProperties": false, "required": ["strategy", "stages", "rollback"], "properties": { "strategy": { "type": "string", "enum": ["canary", "shadow-then-canary", "blue-green", "rings", "ab"], "description": "`canary`: a weighted ramp. `shadow-then-canary`: mirrored traffic first, then a ramp. `blue-green`: one flip with a watch. `rings`: tenant segments, then a ramp. `ab`: a long-running split at a fixed weight." }, "stages": { "type": "array", "minItems": 1, "maxItems": 50, "description": "Stages in order. Weights increase and the last stage reaches 100 (except for `ab`).", "items": { "$ref": "#/definitions/stage" } }, "gates": { "type": "object", "description": "Named gates that stages list. Each compares canary with control, or an arm with an absolute bound.", "propertyNames": { "$ref": "common.schema.json#/definitions/name" }, "additionalProperties": { "$ref": "#/definitions/gate" } }, "rollback": { "type": "array", "minItems": 1, "maxItems": 50, "description": "Rollback criteria, checked on every evaluation in every stage. Any one that fires restores the champion.", "items": { "$ref": "#/definitions/rollbackCriterion" } }, "window": { "$ref": "#/definitions/window" }, "freezes": { "type": "array", "description": "Periods when no rollout advances (rollbacks still happen).", "items": { "$ref": "#/definitions/freeze" } }, "analysis": { "$ref": "#/definitions/analysis" }, "approvers": { "type": "array", "description": "Who may approve a stage that asks for approval: GitHub users (`octocat`) or teams (`@org/team`). Default: the config's approvers.", "items": { "type": "string", "pattern": "^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$" }, "uniqueItems": true }, "onInconclusive": { "type": "string", "enum": ["hold", "extend", "rollback"], "default": "hold", "description": "When the minimum duration has passed but a gate can neither pass nor fail: `hold` (wait for more data), `extend` (keep collecting up to the stage's maxDuration, then apply onFailure) or `rollback`." }, "onNoData": { "type": "string", "enum": ["hold", "rollback"], "default": "hold", "description": "When a gate's metric returns no data. Glidepath never advances on missing data." }, "onFailure": { "type": "string", "enum": ["rollback", "pause", "freeze"], "default": "rollback", "description": "When a gate fails: `rollback` (restore the champion), `pause` (keep the current weight until a person decides) or `freeze` (keep the weight and refuse all automatic changes until unfrozen)." } } } }, "definitions": { "stage": { "title": "Stage", "description": "One step of the rollout.", "type": "object", "additionalProperties": false, "required": ["name"], "properties": { "name": { "$ref": "common.schema.json#/definitions/name", "description": "Stage name, unique within the policy." }, "description": { "type": "string", "maxLength": 2e3, "description": "What this stage is for." }, "mode": { "type": "string", "enum": ["shadow", "traffic"], "default": "traffic", "description": "`shadow`: the challenger receives a mirrored copy of requests and serves nobody (no weight). `traffic`: the challenger serves `weight` percent of requests." }, "weight": { "type": "number", "minimum": 0, "maximum": 100, "description": "Percent of requests the challenger serves in this stage." }, "segment": { "type": "object", "additionalProperties": false, "required": ["attribute", "values"], "description": "Ring stage: the challenger serves every request whose context attribute is one of these values (internal users, beta tenants), plus `weight` percent of the rest.", "properties": { "attribute": { "type": "string", "minLength": 1, "maxLength": 200, "description": "Evaluation-context attribute, such as `tenantId`." }, "values": { "type": "array", "minItems": 1, "maxItems": 1e3, "uniqueItems": true, "items": { "type": "string", "maxLength": 200 }, "description": "Attribute values in this ring." } } }, "minDuration": { "$ref": "common.schema.json#/definitions/duration", "description": "Bake time: the stage lasts at least this long before it may advance." }, "maxDuration": { "$ref": "common.schema.json#/definitions/duration", "description": "If the stage has not passed by then, apply the policy's onFailure." }, "minSamples": { "type": "integer", "minimum": 0, "description": "Requests each arm must have seen before any gate may pass." }, "gates": { "type": "array", "description": "Names of gates (from `spec.gates`) this stage must pass to advance.", "items": { "$ref": "common.schema.json#/definitions/name" }, "uniqueItems": true }, "approval": { "type": "string", "enum": ["required", "none"], "default": "none", "description": "`required`: a person from the approvers list must approve before traffic moves to this stage." }, "watch": { "$ref": "common.schema.json#/definitions/duration", "description": "Final stage only: how long rollback criteria keep being checked at 100% before the challenger becomes champion." } } }, "gate": { "title": "Gate", "description": "A statistical test on one metric.", "type": "object", "additionalProperties": false, "required": ["metric", "test"], "properties": { "metric": { "type": "string", "pattern": "^[a-z][a-z0-9_]{0,62}$", "description": "Metric name from the config's metric definitions." }, "test": { "type": "string", "enum": ["proportions", "welch", "mann-whitney", "quantile"], "description": "`proportions`: difference of two rates. `welch`: difference of means (Welch's t). `mann-whitney`: shift of the distribution (rank test). `quantile`: a quantile against an absolute bound." }, "versus": { "type": "string", "enum": ["control", "absolute"], "description": "Compare canary with control (default for every test but `quantile`), or with an absolute bound (`max` / `min`)." }, "maxIncrease": { "$ref": "common.schema.json#/definitions/margin", "description": "Fail when the canary is worse than control by more than this (in the metric's worse direction). Tested one-sided." }, "nonInferiority": { "$ref": "common.schema.json#/definitions/margin", "description": "Pass only when the canary is shown to be no worse than control by more than this margin (the burden of proof is on the challenger)." }, "quantile": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "description": "For `quantile` tests: which quantile, such as 0.99." }, "max": { "type": "number", "description": "Absolute upper bound for the canary (for lower-is-better metrics)." }, "min": { "type": "number", "description": "Absolute lower bound for the canary (for higher-is-better metrics)." }, "critical": { "type": "boolean", "default": false, "description": "A critical gate that fails rolls back at once, whatever onFailure says." }, "segmentBy": { "type": "string", "maxLength": 200, "description": "Also judge each segment (tenant, locale) separately, so that a regression the aggregate hides still fails the gate." }, "description": { "type": "string", "maxLength": 2e3, "description": "Why this gate exists." } } }, "rollbackCriterion": { "title": "RollbackCriterion", "description": "A condition that restores the champion at once. Exactly one of above, below, increase, drop.", "type": "object", "additionalProperties": false, "required": ["metric"], "properties": { "metric": { "type": "string", "pattern": "^[a-z][a-z0-9_]{0,62}$", "description": "Metric name from the config's metric definitions." }, "quantile": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "description": "Judge this quantile of the canary (continuous metrics); default: the mean or the rate." }, "above": { "type": "number", "description": "Fires when the canary's value is shown to be above this absolute bound." }, "below": { "type": "number", "description": "Fires when the canary's value is shown to be below this absolute bound." }, "increase": { "$ref": "common.schema.json#/definitions/margin", "description": "Fires when the canary is shown to exceed control by more than this." }, "drop": { "$ref": "common.schema.json#/definitions/margin", "description": "Fires when the canary is shown to fall below control by more than this." }, "description": { "type": "string", "maxLength": 2e3, "description": "Why this criterion exists." } } }, "window": { "title": "DeployWindow", "description": "When rollouts may advance. Outside it they hold; rollbacks always happen.", "type": "object", "additionalProperties": false, "required": ["timezone"], "properties": { "days": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": "string", "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }, "description": "Days on which rollouts may advance (default: every day)." }, "hours": { "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$", "description": "Local time range `HH:MM-HH:MM` (default: all day)." }, "timezone": { "type": "string", "minLength": 1, "maxLength": 64, "description": "IANA time zone, such as `Europe/Berlin`." } } }, "freeze": { "title": "Freeze", "description": "A period when nothing advances.", "type": "object", "additionalProperties": false, "required": ["from", "until"], "properties": { "from": { "type": "string", "format": "date-time", "description": "Start (RFC 3339 with offset)." }, "until": { "type": "string", "format": "date-time", "description": "End (RFC 3339 with offset)." }, "reason": { "type": "string", "maxLength": 500, "description": "Why, shown when a rollout holds." } } }, "analysis": { "title": "Analysis", "description": "Statistical settings for this policy's gates.", "type": "object", "additionalProperties": false, "properties": { "alpha": { "type": "number", "exclusiveMinimum": 0, "maximum": 0.2, "default": 0.05, "description": "Family-wise false-alarm rate across the gates of a stage (Holm-corrected), valid however often the rollout is evaluated." }, "power": { "type": "number", "minimum": 0.5, "exclusiveMaximum": 1, "default": 0.8, "description": "Power the plan's duration estimates aim for." }, "srmAlpha": { "type": "number", "exclusiveMinimum": 0, "maximum": 0.05, "default": 1e-3, "description": "Sample-ratio-mismatch threshold: below this p-value the split is declared broken and no gate verdict counts." } } } } };
    var schema43 = { "title": "DeployWindow", "description": "When rollouts may advance. Outside it they hold; rollbacks always happen.", "type": "object", "additionalProperties": false, "required": ["timezone"], "properties": { "days": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": "string", "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }, "description": "Days on which rollouts may advance (default: every day)." }, "hours": { "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$", "description": "Local time range `HH:MM-HH:MM` (default: all day)." }, "timezone": { "type": "string", "minLength": 1, "maxLength": 64, "description": "IANA time zone, such as `Europe/Berlin`." } } };
    function validate25(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "name" || key0 === "description" || key0 === "labels")) {
            const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err2 = { instancePath: instancePath + "/name", schemaPath: "#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = { instancePath: instancePath + "/name", schemaPath: "#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data1 = data.description;
          if (typeof data1 === "string") {
            if (func2(data1) > 2e3) {
              const err4 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.labels !== void 0) {
          let data2 = data.labels;
          if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
            for (const key1 in data2) {
              const _errs9 = errors;
              if (typeof key1 === "string") {
                if (!pattern1.test(key1)) {
                  const err6 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$"', propertyName: key1 };
                  if (vErrors === null) {
                    vErrors = [err6];
                  } else {
                    vErrors.push(err6);
                  }
                  errors++;
                }
              }
              var valid2 = _errs9 === errors;
              if (!valid2) {
                const err7 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/propertyNames", keyword: "propertyNames", params: { propertyName: key1 }, message: "property name must be valid" };
                if (vErrors === null) {
                  vErrors = [err7];
                } else {
                  vErrors.push(err7);
                }
                errors++;
              }
            }
            for (const key2 in data2) {
              let data3 = data2[key2];
              if (typeof data3 === "string") {
                if (func2(data3) > 256) {
                  const err8 = { instancePath: instancePath + "/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/labels/additionalProperties/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters" };
                  if (vErrors === null) {
                    vErrors = [err8];
                  } else {
                    vErrors.push(err8);
                  }
                  errors++;
                }
              } else {
                const err9 = { instancePath: instancePath + "/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/labels/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err9];
                } else {
                  vErrors.push(err9);
                }
                errors++;
              }
            }
          } else {
            const err10 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
      } else {
        const err11 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      validate25.errors = vErrors;
      return errors === 0;
    }
    var schema30 = { "title": "Stage", "description": "One step of the rollout.", "type": "object", "additionalProperties": false, "required": ["name"], "properties": { "name": { "$ref": "common.schema.json#/definitions/name", "description": "Stage name, unique within the policy." }, "description": { "type": "string", "maxLength": 2e3, "description": "What this stage is for." }, "mode": { "type": "string", "enum": ["shadow", "traffic"], "default": "traffic", "description": "`shadow`: the challenger receives a mirrored copy of requests and serves nobody (no weight). `traffic`: the challenger serves `weight` percent of requests." }, "weight": { "type": "number", "minimum": 0, "maximum": 100, "description": "Percent of requests the challenger serves in this stage." }, "segment": { "type": "object", "additionalProperties": false, "required": ["attribute", "values"], "description": "Ring stage: the challenger serves every request whose context attribute is one of these values (internal users, beta tenants), plus `weight` percent of the rest.", "properties": { "attribute": { "type": "string", "minLength": 1, "maxLength": 200, "description": "Evaluation-context attribute, such as `tenantId`." }, "values": { "type": "array", "minItems": 1, "maxItems": 1e3, "uniqueItems": true, "items": { "type": "string", "maxLength": 200 }, "description": "Attribute values in this ring." } } }, "minDuration": { "$ref": "common.schema.json#/definitions/duration", "description": "Bake time: the stage lasts at least this long before it may advance." }, "maxDuration": { "$ref": "common.schema.json#/definitions/duration", "description": "If the stage has not passed by then, apply the policy's onFailure." }, "minSamples": { "type": "integer", "minimum": 0, "description": "Requests each arm must have seen before any gate may pass." }, "gates": { "type": "array", "description": "Names of gates (from `spec.gates`) this stage must pass to advance.", "items": { "$ref": "common.schema.json#/definitions/name" }, "uniqueItems": true }, "approval": { "type": "string", "enum": ["required", "none"], "default": "none", "description": "`required`: a person from the approvers list must approve before traffic moves to this stage." }, "watch": { "$ref": "common.schema.json#/definitions/duration", "description": "Final stage only: how long rollback criteria keep being checked at 100% before the challenger becomes champion." } } };
    var func16 = Object.prototype.hasOwnProperty;
    var func0 = require_equal().default;
    var pattern11 = new RegExp("^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$", "u");
    function validate27(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!func16.call(schema30.properties, key0)) {
            const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err2 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data1 = data.description;
          if (typeof data1 === "string") {
            if (func2(data1) > 2e3) {
              const err4 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.mode !== void 0) {
          let data2 = data.mode;
          if (typeof data2 !== "string") {
            const err6 = { instancePath: instancePath + "/mode", schemaPath: "#/properties/mode/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
          if (!(data2 === "shadow" || data2 === "traffic")) {
            const err7 = { instancePath: instancePath + "/mode", schemaPath: "#/properties/mode/enum", keyword: "enum", params: { allowedValues: schema30.properties.mode.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.weight !== void 0) {
          let data3 = data.weight;
          if (typeof data3 == "number" && isFinite(data3)) {
            if (data3 > 100 || isNaN(data3)) {
              const err8 = { instancePath: instancePath + "/weight", schemaPath: "#/properties/weight/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100" };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
            if (data3 < 0 || isNaN(data3)) {
              const err9 = { instancePath: instancePath + "/weight", schemaPath: "#/properties/weight/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
          } else {
            const err10 = { instancePath: instancePath + "/weight", schemaPath: "#/properties/weight/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        if (data.segment !== void 0) {
          let data4 = data.segment;
          if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
            if (data4.attribute === void 0) {
              const err11 = { instancePath: instancePath + "/segment", schemaPath: "#/properties/segment/required", keyword: "required", params: { missingProperty: "attribute" }, message: "must have required property 'attribute'" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
            if (data4.values === void 0) {
              const err12 = { instancePath: instancePath + "/segment", schemaPath: "#/properties/segment/required", keyword: "required", params: { missingProperty: "values" }, message: "must have required property 'values'" };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
            for (const key1 in data4) {
              if (!(key1 === "attribute" || key1 === "values")) {
                const err13 = { instancePath: instancePath + "/segment", schemaPath: "#/properties/segment/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            }
            if (data4.attribute !== void 0) {
              let data5 = data4.attribute;
              if (typeof data5 === "string") {
                if (func2(data5) > 200) {
                  const err14 = { instancePath: instancePath + "/segment/attribute", schemaPath: "#/properties/segment/properties/attribute/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
                  if (vErrors === null) {
                    vErrors = [err14];
                  } else {
                    vErrors.push(err14);
                  }
                  errors++;
                }
                if (func2(data5) < 1) {
                  const err15 = { instancePath: instancePath + "/segment/attribute", schemaPath: "#/properties/segment/properties/attribute/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err15];
                  } else {
                    vErrors.push(err15);
                  }
                  errors++;
                }
              } else {
                const err16 = { instancePath: instancePath + "/segment/attribute", schemaPath: "#/properties/segment/properties/attribute/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
            }
            if (data4.values !== void 0) {
              let data6 = data4.values;
              if (Array.isArray(data6)) {
                if (data6.length > 1e3) {
                  const err17 = { instancePath: instancePath + "/segment/values", schemaPath: "#/properties/segment/properties/values/maxItems", keyword: "maxItems", params: { limit: 1e3 }, message: "must NOT have more than 1000 items" };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                }
                if (data6.length < 1) {
                  const err18 = { instancePath: instancePath + "/segment/values", schemaPath: "#/properties/segment/properties/values/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                  if (vErrors === null) {
                    vErrors = [err18];
                  } else {
                    vErrors.push(err18);
                  }
                  errors++;
                }
                const len0 = data6.length;
                for (let i0 = 0; i0 < len0; i0++) {
                  let data7 = data6[i0];
                  if (typeof data7 === "string") {
                    if (func2(data7) > 200) {
                      const err19 = { instancePath: instancePath + "/segment/values/" + i0, schemaPath: "#/properties/segment/properties/values/items/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
                      if (vErrors === null) {
                        vErrors = [err19];
                      } else {
                        vErrors.push(err19);
                      }
                      errors++;
                    }
                  } else {
                    const err20 = { instancePath: instancePath + "/segment/values/" + i0, schemaPath: "#/properties/segment/properties/values/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err20];
                    } else {
                      vErrors.push(err20);
                    }
                    errors++;
                  }
                }
                let i1 = data6.length;
                let j0;
                if (i1 > 1) {
                  const indices0 = {};
                  for (; i1--; ) {
                    let item0 = data6[i1];
                    if (typeof item0 !== "string") {
                      continue;
                    }
                    if (typeof indices0[item0] == "number") {
                      j0 = indices0[item0];
                      const err21 = { instancePath: instancePath + "/segment/values", schemaPath: "#/properties/segment/properties/values/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
                      if (vErrors === null) {
                        vErrors = [err21];
                      } else {
                        vErrors.push(err21);
                      }
                      errors++;
                      break;
                    }
                    indices0[item0] = i1;
                  }
                }
              } else {
                const err22 = { instancePath: instancePath + "/segment/values", schemaPath: "#/properties/segment/properties/values/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err22];
                } else {
                  vErrors.push(err22);
                }
                errors++;
              }
            }
          } else {
            const err23 = { instancePath: instancePath + "/segment", schemaPath: "#/properties/segment/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
        }
        if (data.minDuration !== void 0) {
          let data8 = data.minDuration;
          if (typeof data8 === "string") {
            if (!pattern11.test(data8)) {
              const err24 = { instancePath: instancePath + "/minDuration", schemaPath: "common.schema.json#/definitions/duration/pattern", keyword: "pattern", params: { pattern: "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$" }, message: 'must match pattern "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$"' };
              if (vErrors === null) {
                vErrors = [err24];
              } else {
                vErrors.push(err24);
              }
              errors++;
            }
          } else {
            const err25 = { instancePath: instancePath + "/minDuration", schemaPath: "common.schema.json#/definitions/duration/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
        }
        if (data.maxDuration !== void 0) {
          let data9 = data.maxDuration;
          if (typeof data9 === "string") {
            if (!pattern11.test(data9)) {
              const err26 = { instancePath: instancePath + "/maxDuration", schemaPath: "common.schema.json#/definitions/duration/pattern", keyword: "pattern", params: { pattern: "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$" }, message: 'must match pattern "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$"' };
              if (vErrors === null) {
                vErrors = [err26];
              } else {
                vErrors.push(err26);
              }
              errors++;
            }
          } else {
            const err27 = { instancePath: instancePath + "/maxDuration", schemaPath: "common.schema.json#/definitions/duration/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
        }
        if (data.minSamples !== void 0) {
          let data10 = data.minSamples;
          if (!(typeof data10 == "number" && (!(data10 % 1) && !isNaN(data10)) && isFinite(data10))) {
            const err28 = { instancePath: instancePath + "/minSamples", schemaPath: "#/properties/minSamples/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
          if (typeof data10 == "number" && isFinite(data10)) {
            if (data10 < 0 || isNaN(data10)) {
              const err29 = { instancePath: instancePath + "/minSamples", schemaPath: "#/properties/minSamples/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err29];
              } else {
                vErrors.push(err29);
              }
              errors++;
            }
          }
        }
        if (data.gates !== void 0) {
          let data11 = data.gates;
          if (Array.isArray(data11)) {
            const len1 = data11.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data12 = data11[i2];
              if (typeof data12 === "string") {
                if (!pattern0.test(data12)) {
                  const err30 = { instancePath: instancePath + "/gates/" + i2, schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
              } else {
                const err31 = { instancePath: instancePath + "/gates/" + i2, schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            let i3 = data11.length;
            let j1;
            if (i3 > 1) {
              outer0:
                for (; i3--; ) {
                  for (j1 = i3; j1--; ) {
                    if (func0(data11[i3], data11[j1])) {
                      const err32 = { instancePath: instancePath + "/gates", schemaPath: "#/properties/gates/uniqueItems", keyword: "uniqueItems", params: { i: i3, j: j1 }, message: "must NOT have duplicate items (items ## " + j1 + " and " + i3 + " are identical)" };
                      if (vErrors === null) {
                        vErrors = [err32];
                      } else {
                        vErrors.push(err32);
                      }
                      errors++;
                      break outer0;
                    }
                  }
                }
            }
          } else {
            const err33 = { instancePath: instancePath + "/gates", schemaPath: "#/properties/gates/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
        if (data.approval !== void 0) {
          let data13 = data.approval;
          if (typeof data13 !== "string") {
            const err34 = { instancePath: instancePath + "/approval", schemaPath: "#/properties/approval/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
          if (!(data13 === "required" || data13 === "none")) {
            const err35 = { instancePath: instancePath + "/approval", schemaPath: "#/properties/approval/enum", keyword: "enum", params: { allowedValues: schema30.properties.approval.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err35];
            } else {
              vErrors.push(err35);
            }
            errors++;
          }
        }
        if (data.watch !== void 0) {
          let data14 = data.watch;
          if (typeof data14 === "string") {
            if (!pattern11.test(data14)) {
              const err36 = { instancePath: instancePath + "/watch", schemaPath: "common.schema.json#/definitions/duration/pattern", keyword: "pattern", params: { pattern: "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$" }, message: 'must match pattern "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$"' };
              if (vErrors === null) {
                vErrors = [err36];
              } else {
                vErrors.push(err36);
              }
              errors++;
            }
          } else {
            const err37 = { instancePath: instancePath + "/watch", schemaPath: "common.schema.json#/definitions/duration/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err37];
            } else {
              vErrors.push(err37);
            }
            errors++;
          }
        }
      } else {
        const err38 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err38];
        } else {
          vErrors.push(err38);
        }
        errors++;
      }
      validate27.errors = vErrors;
      return errors === 0;
    }
    var schema37 = { "title": "Gate", "description": "A statistical test on one metric.", "type": "object", "additionalProperties": false, "required": ["metric", "test"], "properties": { "metric": { "type": "string", "pattern": "^[a-z][a-z0-9_]{0,62}$", "description": "Metric name from the config's metric definitions." }, "test": { "type": "string", "enum": ["proportions", "welch", "mann-whitney", "quantile"], "description": "`proportions`: difference of two rates. `welch`: difference of means (Welch's t). `mann-whitney`: shift of the distribution (rank test). `quantile`: a quantile against an absolute bound." }, "versus": { "type": "string", "enum": ["control", "absolute"], "description": "Compare canary with control (default for every test but `quantile`), or with an absolute bound (`max` / `min`)." }, "maxIncrease": { "$ref": "common.schema.json#/definitions/margin", "description": "Fail when the canary is worse than control by more than this (in the metric's worse direction). Tested one-sided." }, "nonInferiority": { "$ref": "common.schema.json#/definitions/margin", "description": "Pass only when the canary is shown to be no worse than control by more than this margin (the burden of proof is on the challenger)." }, "quantile": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "description": "For `quantile` tests: which quantile, such as 0.99." }, "max": { "type": "number", "description": "Absolute upper bound for the canary (for lower-is-better metrics)." }, "min": { "type": "number", "description": "Absolute lower bound for the canary (for higher-is-better metrics)." }, "critical": { "type": "boolean", "default": false, "description": "A critical gate that fails rolls back at once, whatever onFailure says." }, "segmentBy": { "type": "string", "maxLength": 200, "description": "Also judge each segment (tenant, locale) separately, so that a regression the aggregate hides still fails the gate." }, "description": { "type": "string", "maxLength": 2e3, "description": "Why this gate exists." } } };
    var pattern17 = new RegExp("^[0-9]+(\\.[0-9]+)?(pp|%)$", "u");
    function validate29(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.metric === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "metric" }, message: "must have required property 'metric'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.test === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "test" }, message: "must have required property 'test'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!func16.call(schema37.properties, key0)) {
            const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err2];
            } else {
              vErrors.push(err2);
            }
            errors++;
          }
        }
        if (data.metric !== void 0) {
          let data0 = data.metric;
          if (typeof data0 === "string") {
            if (!pattern5.test(data0)) {
              const err3 = { instancePath: instancePath + "/metric", schemaPath: "#/properties/metric/pattern", keyword: "pattern", params: { pattern: "^[a-z][a-z0-9_]{0,62}$" }, message: 'must match pattern "^[a-z][a-z0-9_]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err3];
              } else {
                vErrors.push(err3);
              }
              errors++;
            }
          } else {
            const err4 = { instancePath: instancePath + "/metric", schemaPath: "#/properties/metric/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        }
        if (data.test !== void 0) {
          let data1 = data.test;
          if (typeof data1 !== "string") {
            const err5 = { instancePath: instancePath + "/test", schemaPath: "#/properties/test/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
          if (!(data1 === "proportions" || data1 === "welch" || data1 === "mann-whitney" || data1 === "quantile")) {
            const err6 = { instancePath: instancePath + "/test", schemaPath: "#/properties/test/enum", keyword: "enum", params: { allowedValues: schema37.properties.test.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        if (data.versus !== void 0) {
          let data2 = data.versus;
          if (typeof data2 !== "string") {
            const err7 = { instancePath: instancePath + "/versus", schemaPath: "#/properties/versus/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
          if (!(data2 === "control" || data2 === "absolute")) {
            const err8 = { instancePath: instancePath + "/versus", schemaPath: "#/properties/versus/enum", keyword: "enum", params: { allowedValues: schema37.properties.versus.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data.maxIncrease !== void 0) {
          let data3 = data.maxIncrease;
          const _errs10 = errors;
          let valid2 = false;
          let passing0 = null;
          const _errs11 = errors;
          if (typeof data3 === "string") {
            if (!pattern17.test(data3)) {
              const err9 = { instancePath: instancePath + "/maxIncrease", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/pattern", keyword: "pattern", params: { pattern: "^[0-9]+(\\.[0-9]+)?(pp|%)$" }, message: 'must match pattern "^[0-9]+(\\.[0-9]+)?(pp|%)$"' };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
          } else {
            const err10 = { instancePath: instancePath + "/maxIncrease", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
          var _valid0 = _errs11 === errors;
          if (_valid0) {
            valid2 = true;
            passing0 = 0;
          }
          const _errs13 = errors;
          if (typeof data3 == "number" && isFinite(data3)) {
            if (data3 < 0 || isNaN(data3)) {
              const err11 = { instancePath: instancePath + "/maxIncrease", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/maxIncrease", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
          var _valid0 = _errs13 === errors;
          if (_valid0 && valid2) {
            valid2 = false;
            passing0 = [passing0, 1];
          } else {
            if (_valid0) {
              valid2 = true;
              passing0 = 1;
            }
          }
          if (!valid2) {
            const err13 = { instancePath: instancePath + "/maxIncrease", schemaPath: "common.schema.json#/definitions/margin/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          } else {
            errors = _errs10;
            if (vErrors !== null) {
              if (_errs10) {
                vErrors.length = _errs10;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data.nonInferiority !== void 0) {
          let data4 = data.nonInferiority;
          const _errs17 = errors;
          let valid4 = false;
          let passing1 = null;
          const _errs18 = errors;
          if (typeof data4 === "string") {
            if (!pattern17.test(data4)) {
              const err14 = { instancePath: instancePath + "/nonInferiority", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/pattern", keyword: "pattern", params: { pattern: "^[0-9]+(\\.[0-9]+)?(pp|%)$" }, message: 'must match pattern "^[0-9]+(\\.[0-9]+)?(pp|%)$"' };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
          } else {
            const err15 = { instancePath: instancePath + "/nonInferiority", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
          var _valid1 = _errs18 === errors;
          if (_valid1) {
            valid4 = true;
            passing1 = 0;
          }
          const _errs20 = errors;
          if (typeof data4 == "number" && isFinite(data4)) {
            if (data4 < 0 || isNaN(data4)) {
              const err16 = { instancePath: instancePath + "/nonInferiority", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err16];
              } else {
                vErrors.push(err16);
              }
              errors++;
            }
          } else {
            const err17 = { instancePath: instancePath + "/nonInferiority", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
          var _valid1 = _errs20 === errors;
          if (_valid1 && valid4) {
            valid4 = false;
            passing1 = [passing1, 1];
          } else {
            if (_valid1) {
              valid4 = true;
              passing1 = 1;
            }
          }
          if (!valid4) {
            const err18 = { instancePath: instancePath + "/nonInferiority", schemaPath: "common.schema.json#/definitions/margin/oneOf", keyword: "oneOf", params: { passingSchemas: passing1 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          } else {
            errors = _errs17;
            if (vErrors !== null) {
              if (_errs17) {
                vErrors.length = _errs17;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data.quantile !== void 0) {
          let data5 = data.quantile;
          if (typeof data5 == "number" && isFinite(data5)) {
            if (data5 >= 1 || isNaN(data5)) {
              const err19 = { instancePath: instancePath + "/quantile", schemaPath: "#/properties/quantile/exclusiveMaximum", keyword: "exclusiveMaximum", params: { comparison: "<", limit: 1 }, message: "must be < 1" };
              if (vErrors === null) {
                vErrors = [err19];
              } else {
                vErrors.push(err19);
              }
              errors++;
            }
            if (data5 <= 0 || isNaN(data5)) {
              const err20 = { instancePath: instancePath + "/quantile", schemaPath: "#/properties/quantile/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
          } else {
            const err21 = { instancePath: instancePath + "/quantile", schemaPath: "#/properties/quantile/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
        }
        if (data.max !== void 0) {
          let data6 = data.max;
          if (!(typeof data6 == "number" && isFinite(data6))) {
            const err22 = { instancePath: instancePath + "/max", schemaPath: "#/properties/max/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
        if (data.min !== void 0) {
          let data7 = data.min;
          if (!(typeof data7 == "number" && isFinite(data7))) {
            const err23 = { instancePath: instancePath + "/min", schemaPath: "#/properties/min/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
        }
        if (data.critical !== void 0) {
          if (typeof data.critical !== "boolean") {
            const err24 = { instancePath: instancePath + "/critical", schemaPath: "#/properties/critical/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
        }
        if (data.segmentBy !== void 0) {
          let data9 = data.segmentBy;
          if (typeof data9 === "string") {
            if (func2(data9) > 200) {
              const err25 = { instancePath: instancePath + "/segmentBy", schemaPath: "#/properties/segmentBy/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
              if (vErrors === null) {
                vErrors = [err25];
              } else {
                vErrors.push(err25);
              }
              errors++;
            }
          } else {
            const err26 = { instancePath: instancePath + "/segmentBy", schemaPath: "#/properties/segmentBy/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err26];
            } else {
              vErrors.push(err26);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data10 = data.description;
          if (typeof data10 === "string") {
            if (func2(data10) > 2e3) {
              const err27 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err27];
              } else {
                vErrors.push(err27);
              }
              errors++;
            }
          } else {
            const err28 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
        }
      } else {
        const err29 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err29];
        } else {
          vErrors.push(err29);
        }
        errors++;
      }
      validate29.errors = vErrors;
      return errors === 0;
    }
    function validate31(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.metric === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "metric" }, message: "must have required property 'metric'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "metric" || key0 === "quantile" || key0 === "above" || key0 === "below" || key0 === "increase" || key0 === "drop" || key0 === "description")) {
            const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data.metric !== void 0) {
          let data0 = data.metric;
          if (typeof data0 === "string") {
            if (!pattern5.test(data0)) {
              const err2 = { instancePath: instancePath + "/metric", schemaPath: "#/properties/metric/pattern", keyword: "pattern", params: { pattern: "^[a-z][a-z0-9_]{0,62}$" }, message: 'must match pattern "^[a-z][a-z0-9_]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = { instancePath: instancePath + "/metric", schemaPath: "#/properties/metric/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.quantile !== void 0) {
          let data1 = data.quantile;
          if (typeof data1 == "number" && isFinite(data1)) {
            if (data1 >= 1 || isNaN(data1)) {
              const err4 = { instancePath: instancePath + "/quantile", schemaPath: "#/properties/quantile/exclusiveMaximum", keyword: "exclusiveMaximum", params: { comparison: "<", limit: 1 }, message: "must be < 1" };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
            if (data1 <= 0 || isNaN(data1)) {
              const err5 = { instancePath: instancePath + "/quantile", schemaPath: "#/properties/quantile/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
              if (vErrors === null) {
                vErrors = [err5];
              } else {
                vErrors.push(err5);
              }
              errors++;
            }
          } else {
            const err6 = { instancePath: instancePath + "/quantile", schemaPath: "#/properties/quantile/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        if (data.above !== void 0) {
          let data2 = data.above;
          if (!(typeof data2 == "number" && isFinite(data2))) {
            const err7 = { instancePath: instancePath + "/above", schemaPath: "#/properties/above/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.below !== void 0) {
          let data3 = data.below;
          if (!(typeof data3 == "number" && isFinite(data3))) {
            const err8 = { instancePath: instancePath + "/below", schemaPath: "#/properties/below/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data.increase !== void 0) {
          let data4 = data.increase;
          const _errs12 = errors;
          let valid2 = false;
          let passing0 = null;
          const _errs13 = errors;
          if (typeof data4 === "string") {
            if (!pattern17.test(data4)) {
              const err9 = { instancePath: instancePath + "/increase", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/pattern", keyword: "pattern", params: { pattern: "^[0-9]+(\\.[0-9]+)?(pp|%)$" }, message: 'must match pattern "^[0-9]+(\\.[0-9]+)?(pp|%)$"' };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
          } else {
            const err10 = { instancePath: instancePath + "/increase", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
          var _valid0 = _errs13 === errors;
          if (_valid0) {
            valid2 = true;
            passing0 = 0;
          }
          const _errs15 = errors;
          if (typeof data4 == "number" && isFinite(data4)) {
            if (data4 < 0 || isNaN(data4)) {
              const err11 = { instancePath: instancePath + "/increase", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/increase", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
          var _valid0 = _errs15 === errors;
          if (_valid0 && valid2) {
            valid2 = false;
            passing0 = [passing0, 1];
          } else {
            if (_valid0) {
              valid2 = true;
              passing0 = 1;
            }
          }
          if (!valid2) {
            const err13 = { instancePath: instancePath + "/increase", schemaPath: "common.schema.json#/definitions/margin/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          } else {
            errors = _errs12;
            if (vErrors !== null) {
              if (_errs12) {
                vErrors.length = _errs12;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data.drop !== void 0) {
          let data5 = data.drop;
          const _errs19 = errors;
          let valid4 = false;
          let passing1 = null;
          const _errs20 = errors;
          if (typeof data5 === "string") {
            if (!pattern17.test(data5)) {
              const err14 = { instancePath: instancePath + "/drop", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/pattern", keyword: "pattern", params: { pattern: "^[0-9]+(\\.[0-9]+)?(pp|%)$" }, message: 'must match pattern "^[0-9]+(\\.[0-9]+)?(pp|%)$"' };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
          } else {
            const err15 = { instancePath: instancePath + "/drop", schemaPath: "common.schema.json#/definitions/margin/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
          var _valid1 = _errs20 === errors;
          if (_valid1) {
            valid4 = true;
            passing1 = 0;
          }
          const _errs22 = errors;
          if (typeof data5 == "number" && isFinite(data5)) {
            if (data5 < 0 || isNaN(data5)) {
              const err16 = { instancePath: instancePath + "/drop", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err16];
              } else {
                vErrors.push(err16);
              }
              errors++;
            }
          } else {
            const err17 = { instancePath: instancePath + "/drop", schemaPath: "common.schema.json#/definitions/margin/oneOf/1/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
          var _valid1 = _errs22 === errors;
          if (_valid1 && valid4) {
            valid4 = false;
            passing1 = [passing1, 1];
          } else {
            if (_valid1) {
              valid4 = true;
              passing1 = 1;
            }
          }
          if (!valid4) {
            const err18 = { instancePath: instancePath + "/drop", schemaPath: "common.schema.json#/definitions/margin/oneOf", keyword: "oneOf", params: { passingSchemas: passing1 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          } else {
            errors = _errs19;
            if (vErrors !== null) {
              if (_errs19) {
                vErrors.length = _errs19;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data.description !== void 0) {
          let data6 = data.description;
          if (typeof data6 === "string") {
            if (func2(data6) > 2e3) {
              const err19 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err19];
              } else {
                vErrors.push(err19);
              }
              errors++;
            }
          } else {
            const err20 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
        }
      } else {
        const err21 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
      validate31.errors = vErrors;
      return errors === 0;
    }
    var pattern22 = new RegExp("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$", "u");
    var formats0 = require_formats().fullFormats["date-time"];
    function validate24(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      ;
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.apiVersion === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apiVersion" }, message: "must have required property 'apiVersion'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.kind === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.metadata === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "metadata" }, message: "must have required property 'metadata'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        if (data.spec === void 0) {
          const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "spec" }, message: "must have required property 'spec'" };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "apiVersion" || key0 === "kind" || key0 === "metadata" || key0 === "spec")) {
            const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        }
        if (data.apiVersion !== void 0) {
          let data0 = data.apiVersion;
          if (typeof data0 !== "string") {
            const err5 = { instancePath: instancePath + "/apiVersion", schemaPath: "common.schema.json#/definitions/apiVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
          if ("glidepath.dev/v1" !== data0) {
            const err6 = { instancePath: instancePath + "/apiVersion", schemaPath: "common.schema.json#/definitions/apiVersion/const", keyword: "const", params: { allowedValue: "glidepath.dev/v1" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        if (data.kind !== void 0) {
          let data1 = data.kind;
          if (typeof data1 !== "string") {
            const err7 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
          if ("RolloutPolicy" !== data1) {
            const err8 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/const", keyword: "const", params: { allowedValue: "RolloutPolicy" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data.metadata !== void 0) {
          if (!validate25(data.metadata, { instancePath: instancePath + "/metadata", parentData: data, parentDataProperty: "metadata", rootData })) {
            vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
            errors = vErrors.length;
          }
        }
        if (data.spec !== void 0) {
          let data3 = data.spec;
          if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
            if (data3.strategy === void 0) {
              const err9 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "strategy" }, message: "must have required property 'strategy'" };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
            if (data3.stages === void 0) {
              const err10 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "stages" }, message: "must have required property 'stages'" };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
            if (data3.rollback === void 0) {
              const err11 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "rollback" }, message: "must have required property 'rollback'" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
            for (const key1 in data3) {
              if (!func16.call(schema26.properties.spec.properties, key1)) {
                const err12 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err12];
                } else {
                  vErrors.push(err12);
                }
                errors++;
              }
            }
            if (data3.strategy !== void 0) {
              let data4 = data3.strategy;
              if (typeof data4 !== "string") {
                const err13 = { instancePath: instancePath + "/spec/strategy", schemaPath: "#/properties/spec/properties/strategy/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
              if (!(data4 === "canary" || data4 === "shadow-then-canary" || data4 === "blue-green" || data4 === "rings" || data4 === "ab")) {
                const err14 = { instancePath: instancePath + "/spec/strategy", schemaPath: "#/properties/spec/properties/strategy/enum", keyword: "enum", params: { allowedValues: schema26.properties.spec.properties.strategy.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err14];
                } else {
                  vErrors.push(err14);
                }
                errors++;
              }
            }
            if (data3.stages !== void 0) {
              let data5 = data3.stages;
              if (Array.isArray(data5)) {
                if (data5.length > 50) {
                  const err15 = { instancePath: instancePath + "/spec/stages", schemaPath: "#/properties/spec/properties/stages/maxItems", keyword: "maxItems", params: { limit: 50 }, message: "must NOT have more than 50 items" };
                  if (vErrors === null) {
                    vErrors = [err15];
                  } else {
                    vErrors.push(err15);
                  }
                  errors++;
                }
                if (data5.length < 1) {
                  const err16 = { instancePath: instancePath + "/spec/stages", schemaPath: "#/properties/spec/properties/stages/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                  if (vErrors === null) {
                    vErrors = [err16];
                  } else {
                    vErrors.push(err16);
                  }
                  errors++;
                }
                const len0 = data5.length;
                for (let i0 = 0; i0 < len0; i0++) {
                  if (!validate27(data5[i0], { instancePath: instancePath + "/spec/stages/" + i0, parentData: data5, parentDataProperty: i0, rootData })) {
                    vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
                    errors = vErrors.length;
                  }
                }
              } else {
                const err17 = { instancePath: instancePath + "/spec/stages", schemaPath: "#/properties/spec/properties/stages/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err17];
                } else {
                  vErrors.push(err17);
                }
                errors++;
              }
            }
            if (data3.gates !== void 0) {
              let data7 = data3.gates;
              if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
                for (const key2 in data7) {
                  const _errs18 = errors;
                  if (typeof key2 === "string") {
                    if (!pattern0.test(key2)) {
                      const err18 = { instancePath: instancePath + "/spec/gates", schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"', propertyName: key2 };
                      if (vErrors === null) {
                        vErrors = [err18];
                      } else {
                        vErrors.push(err18);
                      }
                      errors++;
                    }
                  } else {
                    const err19 = { instancePath: instancePath + "/spec/gates", schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string", propertyName: key2 };
                    if (vErrors === null) {
                      vErrors = [err19];
                    } else {
                      vErrors.push(err19);
                    }
                    errors++;
                  }
                  var valid5 = _errs18 === errors;
                  if (!valid5) {
                    const err20 = { instancePath: instancePath + "/spec/gates", schemaPath: "#/properties/spec/properties/gates/propertyNames", keyword: "propertyNames", params: { propertyName: key2 }, message: "property name must be valid" };
                    if (vErrors === null) {
                      vErrors = [err20];
                    } else {
                      vErrors.push(err20);
                    }
                    errors++;
                  }
                }
                for (const key3 in data7) {
                  if (!validate29(data7[key3], { instancePath: instancePath + "/spec/gates/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data7, parentDataProperty: key3, rootData })) {
                    vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
                    errors = vErrors.length;
                  }
                }
              } else {
                const err21 = { instancePath: instancePath + "/spec/gates", schemaPath: "#/properties/spec/properties/gates/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
            }
            if (data3.rollback !== void 0) {
              let data9 = data3.rollback;
              if (Array.isArray(data9)) {
                if (data9.length > 50) {
                  const err22 = { instancePath: instancePath + "/spec/rollback", schemaPath: "#/properties/spec/properties/rollback/maxItems", keyword: "maxItems", params: { limit: 50 }, message: "must NOT have more than 50 items" };
                  if (vErrors === null) {
                    vErrors = [err22];
                  } else {
                    vErrors.push(err22);
                  }
                  errors++;
                }
                if (data9.length < 1) {
                  const err23 = { instancePath: instancePath + "/spec/rollback", schemaPath: "#/properties/spec/properties/rollback/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                  if (vErrors === null) {
                    vErrors = [err23];
                  } else {
                    vErrors.push(err23);
                  }
                  errors++;
                }
                const len1 = data9.length;
                for (let i1 = 0; i1 < len1; i1++) {
                  if (!validate31(data9[i1], { instancePath: instancePath + "/spec/rollback/" + i1, parentData: data9, parentDataProperty: i1, rootData })) {
                    vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
                    errors = vErrors.length;
                  }
                }
              } else {
                const err24 = { instancePath: instancePath + "/spec/rollback", schemaPath: "#/properties/spec/properties/rollback/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
            }
            if (data3.window !== void 0) {
              let data11 = data3.window;
              if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
                if (data11.timezone === void 0) {
                  const err25 = { instancePath: instancePath + "/spec/window", schemaPath: "#/definitions/window/required", keyword: "required", params: { missingProperty: "timezone" }, message: "must have required property 'timezone'" };
                  if (vErrors === null) {
                    vErrors = [err25];
                  } else {
                    vErrors.push(err25);
                  }
                  errors++;
                }
                for (const key4 in data11) {
                  if (!(key4 === "days" || key4 === "hours" || key4 === "timezone")) {
                    const err26 = { instancePath: instancePath + "/spec/window", schemaPath: "#/definitions/window/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err26];
                    } else {
                      vErrors.push(err26);
                    }
                    errors++;
                  }
                }
                if (data11.days !== void 0) {
                  let data12 = data11.days;
                  if (Array.isArray(data12)) {
                    if (data12.length < 1) {
                      const err27 = { instancePath: instancePath + "/spec/window/days", schemaPath: "#/definitions/window/properties/days/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                      if (vErrors === null) {
                        vErrors = [err27];
                      } else {
                        vErrors.push(err27);
                      }
                      errors++;
                    }
                    const len2 = data12.length;
                    for (let i2 = 0; i2 < len2; i2++) {
                      let data13 = data12[i2];
                      if (typeof data13 !== "string") {
                        const err28 = { instancePath: instancePath + "/spec/window/days/" + i2, schemaPath: "#/definitions/window/properties/days/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                          vErrors = [err28];
                        } else {
                          vErrors.push(err28);
                        }
                        errors++;
                      }
                      if (!(data13 === "mon" || data13 === "tue" || data13 === "wed" || data13 === "thu" || data13 === "fri" || data13 === "sat" || data13 === "sun")) {
                        const err29 = { instancePath: instancePath + "/spec/window/days/" + i2, schemaPath: "#/definitions/window/properties/days/items/enum", keyword: "enum", params: { allowedValues: schema43.properties.days.items.enum }, message: "must be equal to one of the allowed values" };
                        if (vErrors === null) {
                          vErrors = [err29];
                        } else {
                          vErrors.push(err29);
                        }
                        errors++;
                      }
                    }
                    let i3 = data12.length;
                    let j0;
                    if (i3 > 1) {
                      const indices0 = {};
                      for (; i3--; ) {
                        let item0 = data12[i3];
                        if (typeof item0 !== "string") {
                          continue;
                        }
                        if (typeof indices0[item0] == "number") {
                          j0 = indices0[item0];
                          const err30 = { instancePath: instancePath + "/spec/window/days", schemaPath: "#/definitions/window/properties/days/uniqueItems", keyword: "uniqueItems", params: { i: i3, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i3 + " are identical)" };
                          if (vErrors === null) {
                            vErrors = [err30];
                          } else {
                            vErrors.push(err30);
                          }
                          errors++;
                          break;
                        }
                        indices0[item0] = i3;
                      }
                    }
                  } else {
                    const err31 = { instancePath: instancePath + "/spec/window/days", schemaPath: "#/definitions/window/properties/days/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                      vErrors = [err31];
                    } else {
                      vErrors.push(err31);
                    }
                    errors++;
                  }
                }
                if (data11.hours !== void 0) {
                  let data14 = data11.hours;
                  if (typeof data14 === "string") {
                    if (!pattern22.test(data14)) {
                      const err32 = { instancePath: instancePath + "/spec/window/hours", schemaPath: "#/definitions/window/properties/hours/pattern", keyword: "pattern", params: { pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$" }, message: 'must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$"' };
                      if (vErrors === null) {
                        vErrors = [err32];
                      } else {
                        vErrors.push(err32);
                      }
                      errors++;
                    }
                  } else {
                    const err33 = { instancePath: instancePath + "/spec/window/hours", schemaPath: "#/definitions/window/properties/hours/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err33];
                    } else {
                      vErrors.push(err33);
                    }
                    errors++;
                  }
                }
                if (data11.timezone !== void 0) {
                  let data15 = data11.timezone;
                  if (typeof data15 === "string") {
                    if (func2(data15) > 64) {
                      const err34 = { instancePath: instancePath + "/spec/window/timezone", schemaPath: "#/definitions/window/properties/timezone/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" };
                      if (vErrors === null) {
                        vErrors = [err34];
                      } else {
                        vErrors.push(err34);
                      }
                      errors++;
                    }
                    if (func2(data15) < 1) {
                      const err35 = { instancePath: instancePath + "/spec/window/timezone", schemaPath: "#/definitions/window/properties/timezone/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err35];
                      } else {
                        vErrors.push(err35);
                      }
                      errors++;
                    }
                  } else {
                    const err36 = { instancePath: instancePath + "/spec/window/timezone", schemaPath: "#/definitions/window/properties/timezone/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err36];
                    } else {
                      vErrors.push(err36);
                    }
                    errors++;
                  }
                }
              } else {
                const err37 = { instancePath: instancePath + "/spec/window", schemaPath: "#/definitions/window/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err37];
                } else {
                  vErrors.push(err37);
                }
                errors++;
              }
            }
            if (data3.freezes !== void 0) {
              let data16 = data3.freezes;
              if (Array.isArray(data16)) {
                const len3 = data16.length;
                for (let i4 = 0; i4 < len3; i4++) {
                  let data17 = data16[i4];
                  if (data17 && typeof data17 == "object" && !Array.isArray(data17)) {
                    if (data17.from === void 0) {
                      const err38 = { instancePath: instancePath + "/spec/freezes/" + i4, schemaPath: "#/definitions/freeze/required", keyword: "required", params: { missingProperty: "from" }, message: "must have required property 'from'" };
                      if (vErrors === null) {
                        vErrors = [err38];
                      } else {
                        vErrors.push(err38);
                      }
                      errors++;
                    }
                    if (data17.until === void 0) {
                      const err39 = { instancePath: instancePath + "/spec/freezes/" + i4, schemaPath: "#/definitions/freeze/required", keyword: "required", params: { missingProperty: "until" }, message: "must have required property 'until'" };
                      if (vErrors === null) {
                        vErrors = [err39];
                      } else {
                        vErrors.push(err39);
                      }
                      errors++;
                    }
                    for (const key5 in data17) {
                      if (!(key5 === "from" || key5 === "until" || key5 === "reason")) {
                        const err40 = { instancePath: instancePath + "/spec/freezes/" + i4, schemaPath: "#/definitions/freeze/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties" };
                        if (vErrors === null) {
                          vErrors = [err40];
                        } else {
                          vErrors.push(err40);
                        }
                        errors++;
                      }
                    }
                    if (data17.from !== void 0) {
                      let data18 = data17.from;
                      if (typeof data18 === "string") {
                        if (!formats0.validate(data18)) {
                          const err41 = { instancePath: instancePath + "/spec/freezes/" + i4 + "/from", schemaPath: "#/definitions/freeze/properties/from/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"' };
                          if (vErrors === null) {
                            vErrors = [err41];
                          } else {
                            vErrors.push(err41);
                          }
                          errors++;
                        }
                      } else {
                        const err42 = { instancePath: instancePath + "/spec/freezes/" + i4 + "/from", schemaPath: "#/definitions/freeze/properties/from/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                          vErrors = [err42];
                        } else {
                          vErrors.push(err42);
                        }
                        errors++;
                      }
                    }
                    if (data17.until !== void 0) {
                      let data19 = data17.until;
                      if (typeof data19 === "string") {
                        if (!formats0.validate(data19)) {
                          const err43 = { instancePath: instancePath + "/spec/freezes/" + i4 + "/until", schemaPath: "#/definitions/freeze/properties/until/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"' };
                          if (vErrors === null) {
                            vErrors = [err43];
                          } else {
                            vErrors.push(err43);
                          }
                          errors++;
                        }
                      } else {
                        const err44 = { instancePath: instancePath + "/spec/freezes/" + i4 + "/until", schemaPath: "#/definitions/freeze/properties/until/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                          vErrors = [err44];
                        } else {
                          vErrors.push(err44);
                        }
                        errors++;
                      }
                    }
                    if (data17.reason !== void 0) {
                      let data20 = data17.reason;
                      if (typeof data20 === "string") {
                        if (func2(data20) > 500) {
                          const err45 = { instancePath: instancePath + "/spec/freezes/" + i4 + "/reason", schemaPath: "#/definitions/freeze/properties/reason/maxLength", keyword: "maxLength", params: { limit: 500 }, message: "must NOT have more than 500 characters" };
                          if (vErrors === null) {
                            vErrors = [err45];
                          } else {
                            vErrors.push(err45);
                          }
                          errors++;
                        }
                      } else {
                        const err46 = { instancePath: instancePath + "/spec/freezes/" + i4 + "/reason", schemaPath: "#/definitions/freeze/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                          vErrors = [err46];
                        } else {
                          vErrors.push(err46);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err47 = { instancePath: instancePath + "/spec/freezes/" + i4, schemaPath: "#/definitions/freeze/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                      vErrors = [err47];
                    } else {
                      vErrors.push(err47);
                    }
                    errors++;
                  }
                }
              } else {
                const err48 = { instancePath: instancePath + "/spec/freezes", schemaPath: "#/properties/spec/properties/freezes/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err48];
                } else {
                  vErrors.push(err48);
                }
                errors++;
              }
            }
            if (data3.analysis !== void 0) {
              let data21 = data3.analysis;
              if (data21 && typeof data21 == "object" && !Array.isArray(data21)) {
                for (const key6 in data21) {
                  if (!(key6 === "alpha" || key6 === "power" || key6 === "srmAlpha")) {
                    const err49 = { instancePath: instancePath + "/spec/analysis", schemaPath: "#/definitions/analysis/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err49];
                    } else {
                      vErrors.push(err49);
                    }
                    errors++;
                  }
                }
                if (data21.alpha !== void 0) {
                  let data22 = data21.alpha;
                  if (typeof data22 == "number" && isFinite(data22)) {
                    if (data22 > 0.2 || isNaN(data22)) {
                      const err50 = { instancePath: instancePath + "/spec/analysis/alpha", schemaPath: "#/definitions/analysis/properties/alpha/maximum", keyword: "maximum", params: { comparison: "<=", limit: 0.2 }, message: "must be <= 0.2" };
                      if (vErrors === null) {
                        vErrors = [err50];
                      } else {
                        vErrors.push(err50);
                      }
                      errors++;
                    }
                    if (data22 <= 0 || isNaN(data22)) {
                      const err51 = { instancePath: instancePath + "/spec/analysis/alpha", schemaPath: "#/definitions/analysis/properties/alpha/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
                      if (vErrors === null) {
                        vErrors = [err51];
                      } else {
                        vErrors.push(err51);
                      }
                      errors++;
                    }
                  } else {
                    const err52 = { instancePath: instancePath + "/spec/analysis/alpha", schemaPath: "#/definitions/analysis/properties/alpha/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                    if (vErrors === null) {
                      vErrors = [err52];
                    } else {
                      vErrors.push(err52);
                    }
                    errors++;
                  }
                }
                if (data21.power !== void 0) {
                  let data23 = data21.power;
                  if (typeof data23 == "number" && isFinite(data23)) {
                    if (data23 < 0.5 || isNaN(data23)) {
                      const err53 = { instancePath: instancePath + "/spec/analysis/power", schemaPath: "#/definitions/analysis/properties/power/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0.5 }, message: "must be >= 0.5" };
                      if (vErrors === null) {
                        vErrors = [err53];
                      } else {
                        vErrors.push(err53);
                      }
                      errors++;
                    }
                    if (data23 >= 1 || isNaN(data23)) {
                      const err54 = { instancePath: instancePath + "/spec/analysis/power", schemaPath: "#/definitions/analysis/properties/power/exclusiveMaximum", keyword: "exclusiveMaximum", params: { comparison: "<", limit: 1 }, message: "must be < 1" };
                      if (vErrors === null) {
                        vErrors = [err54];
                      } else {
                        vErrors.push(err54);
                      }
                      errors++;
                    }
                  } else {
                    const err55 = { instancePath: instancePath + "/spec/analysis/power", schemaPath: "#/definitions/analysis/properties/power/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                    if (vErrors === null) {
                      vErrors = [err55];
                    } else {
                      vErrors.push(err55);
                    }
                    errors++;
                  }
                }
                if (data21.srmAlpha !== void 0) {
                  let data24 = data21.srmAlpha;
                  if (typeof data24 == "number" && isFinite(data24)) {
                    if (data24 > 0.05 || isNaN(data24)) {
                      const err56 = { instancePath: instancePath + "/spec/analysis/srmAlpha", schemaPath: "#/definitions/analysis/properties/srmAlpha/maximum", keyword: "maximum", params: { comparison: "<=", limit: 0.05 }, message: "must be <= 0.05" };
                      if (vErrors === null) {
                        vErrors = [err56];
                      } else {
                        vErrors.push(err56);
                      }
                      errors++;
                    }
                    if (data24 <= 0 || isNaN(data24)) {
                      const err57 = { instancePath: instancePath + "/spec/analysis/srmAlpha", schemaPath: "#/definitions/analysis/properties/srmAlpha/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
                      if (vErrors === null) {
                        vErrors = [err57];
                      } else {
                        vErrors.push(err57);
                      }
                      errors++;
                    }
                  } else {
                    const err58 = { instancePath: instancePath + "/spec/analysis/srmAlpha", schemaPath: "#/definitions/analysis/properties/srmAlpha/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                    if (vErrors === null) {
                      vErrors = [err58];
                    } else {
                      vErrors.push(err58);
                    }
                    errors++;
                  }
                }
              } else {
                const err59 = { instancePath: instancePath + "/spec/analysis", schemaPath: "#/definitions/analysis/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err59];
                } else {
                  vErrors.push(err59);
                }
                errors++;
              }
            }
            if (data3.approvers !== void 0) {
              let data25 = data3.approvers;
              if (Array.isArray(data25)) {
                const len4 = data25.length;
                for (let i5 = 0; i5 < len4; i5++) {
                  let data26 = data25[i5];
                  if (typeof data26 === "string") {
                    if (!pattern7.test(data26)) {
                      const err60 = { instancePath: instancePath + "/spec/approvers/" + i5, schemaPath: "#/properties/spec/properties/approvers/items/pattern", keyword: "pattern", params: { pattern: "^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$" }, message: 'must match pattern "^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"' };
                      if (vErrors === null) {
                        vErrors = [err60];
                      } else {
                        vErrors.push(err60);
                      }
                      errors++;
                    }
                  } else {
                    const err61 = { instancePath: instancePath + "/spec/approvers/" + i5, schemaPath: "#/properties/spec/properties/approvers/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err61];
                    } else {
                      vErrors.push(err61);
                    }
                    errors++;
                  }
                }
                let i6 = data25.length;
                let j1;
                if (i6 > 1) {
                  const indices1 = {};
                  for (; i6--; ) {
                    let item1 = data25[i6];
                    if (typeof item1 !== "string") {
                      continue;
                    }
                    if (typeof indices1[item1] == "number") {
                      j1 = indices1[item1];
                      const err62 = { instancePath: instancePath + "/spec/approvers", schemaPath: "#/properties/spec/properties/approvers/uniqueItems", keyword: "uniqueItems", params: { i: i6, j: j1 }, message: "must NOT have duplicate items (items ## " + j1 + " and " + i6 + " are identical)" };
                      if (vErrors === null) {
                        vErrors = [err62];
                      } else {
                        vErrors.push(err62);
                      }
                      errors++;
                      break;
                    }
                    indices1[item1] = i6;
                  }
                }
              } else {
                const err63 = { instancePath: instancePath + "/spec/approvers", schemaPath: "#/properties/spec/properties/approvers/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err63];
                } else {
                  vErrors.push(err63);
                }
                errors++;
              }
            }
            if (data3.onInconclusive !== void 0) {
              let data27 = data3.onInconclusive;
              if (typeof data27 !== "string") {
                const err64 = { instancePath: instancePath + "/spec/onInconclusive", schemaPath: "#/properties/spec/properties/onInconclusive/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err64];
                } else {
                  vErrors.push(err64);
                }
                errors++;
              }
              if (!(data27 === "hold" || data27 === "extend" || data27 === "rollback")) {
                const err65 = { instancePath: instancePath + "/spec/onInconclusive", schemaPath: "#/properties/spec/properties/onInconclusive/enum", keyword: "enum", params: { allowedValues: schema26.properties.spec.properties.onInconclusive.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err65];
                } else {
                  vErrors.push(err65);
                }
                errors++;
              }
            }
            if (data3.onNoData !== void 0) {
              let data28 = data3.onNoData;
              if (typeof data28 !== "string") {
                const err66 = { instancePath: instancePath + "/spec/onNoData", schemaPath: "#/properties/spec/properties/onNoData/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err66];
                } else {
                  vErrors.push(err66);
                }
                errors++;
              }
              if (!(data28 === "hold" || data28 === "rollback")) {
                const err67 = { instancePath: instancePath + "/spec/onNoData", schemaPath: "#/properties/spec/properties/onNoData/enum", keyword: "enum", params: { allowedValues: schema26.properties.spec.properties.onNoData.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err67];
                } else {
                  vErrors.push(err67);
                }
                errors++;
              }
            }
            if (data3.onFailure !== void 0) {
              let data29 = data3.onFailure;
              if (typeof data29 !== "string") {
                const err68 = { instancePath: instancePath + "/spec/onFailure", schemaPath: "#/properties/spec/properties/onFailure/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err68];
                } else {
                  vErrors.push(err68);
                }
                errors++;
              }
              if (!(data29 === "rollback" || data29 === "pause" || data29 === "freeze")) {
                const err69 = { instancePath: instancePath + "/spec/onFailure", schemaPath: "#/properties/spec/properties/onFailure/enum", keyword: "enum", params: { allowedValues: schema26.properties.spec.properties.onFailure.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err69];
                } else {
                  vErrors.push(err69);
                }
                errors++;
              }
            }
          } else {
            const err70 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err70];
            } else {
              vErrors.push(err70);
            }
            errors++;
          }
        }
      } else {
        const err71 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err71];
        } else {
          vErrors.push(err71);
        }
        errors++;
      }
      validate24.errors = vErrors;
      return errors === 0;
    }
    exports.Release = validate33;
    var schema46 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://glidepath.dev/schemas/v1/release.schema.json", "title": "Release", "description": "`releases/*.yaml`: one model or prompt change. A pull request that edits a Release is a rollout request.", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind", "metadata", "spec"], "properties": { "apiVersion": { "$ref": "common.schema.json#/definitions/apiVersion" }, "kind": { "type": "string", "const": "Release", "description": "Always `Release`." }, "metadata": { "$ref": "common.schema.json#/definitions/metadata" }, "spec": { "type": "object", "description": "The release.", "additionalProperties": false, "required": ["policy", "target", "champion", "challenger"], "properties": { "policy": { "$ref": "common.schema.json#/definitions/name", "description": "Name of the RolloutPolicy it follows." }, "owner": { "type": "string", "maxLength": 200, "description": "Who answers for this release (a GitHub user or team)." }, "risk": { "type": "string", "enum": ["low", "medium", "high"], "default": "medium", "description": "`high` requires an approval before 100% traffic." }, "target": { "type": "object", "additionalProperties": false, "required": ["provider", "key"], "description": "Where the split lives.", "properties": { "provider": { "$ref": "common.schema.json#/definitions/name", "description": "Name of a provider in `glidepath.yaml`." }, "key": { "type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[A-Za-z0-9][A-Za-z0-9._:/-]*$", "description": "The provider's resource: a flag key, an endpoint name or a gateway config id." } } }, "traffic": { "$ref": "common.schema.json#/definitions/traffic" }, "champion": { "$ref": "#/definitions/bundle" }, "challenger": { "$ref": "#/definitions/bundle" } } } }, "definitions": { "bundle": { "title": "Bundle", "description": "Everything that decides a model's behaviour: model id, prompt, decoding parameters and tools. `champion` is what serves today; `challenger` is what this release ships.", "type": "object", "additionalProperties": false, "required": ["model"], "properties": { "model": { "type": "string", "minLength": 1, "maxLength": 300, "description": "Model id as the serving side knows it, such as `openai/gpt-4o-2024-08-06`." }, "prompt": { "$ref": "common.schema.json#/definitions/repoPath", "description": "Prompt file, relative to the repository root." }, "parameters": { "$ref": "#/definitions/parameters" }, "tools": { "type": "array", "uniqueItems": true, "maxItems": 200, "items": { "type": "string", "minLength": 1, "maxLength": 200 }, "description": "Tools the model may call." } } }, "parameters": { "title": "DecodingParameters", "description": "Decoding parameters.", "type": "object", "additionalProperties": false, "properties": { "temperature": { "type": "number", "minimum": 0, "maximum": 2, "description": "Sampling temperature." }, "topP": { "type": "number", "minimum": 0, "maximum": 1, "description": "Nucleus sampling mass." }, "topK": { "type": "integer", "minimum": 1, "description": "Top-k sampling." }, "maxTokens": { "type": "integer", "minimum": 1, "description": "Maximum tokens to generate." }, "presencePenalty": { "type": "number", "minimum": -2, "maximum": 2, "description": "Presence penalty." }, "frequencyPenalty": { "type": "number", "minimum": -2, "maximum": 2, "description": "Frequency penalty." }, "seed": { "type": "integer", "description": "Sampling seed." }, "stop": { "type": "array", "maxItems": 16, "items": { "type": "string" }, "description": "Stop sequences." }, "responseFormat": { "type": "string", "enum": ["text", "json"], "description": "Response format." }, "extra": { "type": "object", "description": "Vendor-specific parameters passed through unchanged." } } } } };
    function validate34(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "name" || key0 === "description" || key0 === "labels")) {
            const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err2 = { instancePath: instancePath + "/name", schemaPath: "#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = { instancePath: instancePath + "/name", schemaPath: "#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data1 = data.description;
          if (typeof data1 === "string") {
            if (func2(data1) > 2e3) {
              const err4 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.labels !== void 0) {
          let data2 = data.labels;
          if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
            for (const key1 in data2) {
              const _errs9 = errors;
              if (typeof key1 === "string") {
                if (!pattern1.test(key1)) {
                  const err6 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$"', propertyName: key1 };
                  if (vErrors === null) {
                    vErrors = [err6];
                  } else {
                    vErrors.push(err6);
                  }
                  errors++;
                }
              }
              var valid2 = _errs9 === errors;
              if (!valid2) {
                const err7 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/propertyNames", keyword: "propertyNames", params: { propertyName: key1 }, message: "property name must be valid" };
                if (vErrors === null) {
                  vErrors = [err7];
                } else {
                  vErrors.push(err7);
                }
                errors++;
              }
            }
            for (const key2 in data2) {
              let data3 = data2[key2];
              if (typeof data3 === "string") {
                if (func2(data3) > 256) {
                  const err8 = { instancePath: instancePath + "/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/labels/additionalProperties/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters" };
                  if (vErrors === null) {
                    vErrors = [err8];
                  } else {
                    vErrors.push(err8);
                  }
                  errors++;
                }
              } else {
                const err9 = { instancePath: instancePath + "/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/labels/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err9];
                } else {
                  vErrors.push(err9);
                }
                errors++;
              }
            }
          } else {
            const err10 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
      } else {
        const err11 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      validate34.errors = vErrors;
      return errors === 0;
    }
    var schema55 = { "title": "DecodingParameters", "description": "Decoding parameters.", "type": "object", "additionalProperties": false, "properties": { "temperature": { "type": "number", "minimum": 0, "maximum": 2, "description": "Sampling temperature." }, "topP": { "type": "number", "minimum": 0, "maximum": 1, "description": "Nucleus sampling mass." }, "topK": { "type": "integer", "minimum": 1, "description": "Top-k sampling." }, "maxTokens": { "type": "integer", "minimum": 1, "description": "Maximum tokens to generate." }, "presencePenalty": { "type": "number", "minimum": -2, "maximum": 2, "description": "Presence penalty." }, "frequencyPenalty": { "type": "number", "minimum": -2, "maximum": 2, "description": "Frequency penalty." }, "seed": { "type": "integer", "description": "Sampling seed." }, "stop": { "type": "array", "maxItems": 16, "items": { "type": "string" }, "description": "Stop sequences." }, "responseFormat": { "type": "string", "enum": ["text", "json"], "description": "Response format." }, "extra": { "type": "object", "description": "Vendor-specific parameters passed through unchanged." } } };
    function validate36(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.model === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "model" }, message: "must have required property 'model'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "model" || key0 === "prompt" || key0 === "parameters" || key0 === "tools")) {
            const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data.model !== void 0) {
          let data0 = data.model;
          if (typeof data0 === "string") {
            if (func2(data0) > 300) {
              const err2 = { instancePath: instancePath + "/model", schemaPath: "#/properties/model/maxLength", keyword: "maxLength", params: { limit: 300 }, message: "must NOT have more than 300 characters" };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
            if (func2(data0) < 1) {
              const err3 = { instancePath: instancePath + "/model", schemaPath: "#/properties/model/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
              if (vErrors === null) {
                vErrors = [err3];
              } else {
                vErrors.push(err3);
              }
              errors++;
            }
          } else {
            const err4 = { instancePath: instancePath + "/model", schemaPath: "#/properties/model/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        }
        if (data.prompt !== void 0) {
          let data1 = data.prompt;
          if (typeof data1 === "string") {
            if (func2(data1) > 1024) {
              const err5 = { instancePath: instancePath + "/prompt", schemaPath: "common.schema.json#/definitions/repoPath/maxLength", keyword: "maxLength", params: { limit: 1024 }, message: "must NOT have more than 1024 characters" };
              if (vErrors === null) {
                vErrors = [err5];
              } else {
                vErrors.push(err5);
              }
              errors++;
            }
            if (func2(data1) < 1) {
              const err6 = { instancePath: instancePath + "/prompt", schemaPath: "common.schema.json#/definitions/repoPath/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
              if (vErrors === null) {
                vErrors = [err6];
              } else {
                vErrors.push(err6);
              }
              errors++;
            }
          } else {
            const err7 = { instancePath: instancePath + "/prompt", schemaPath: "common.schema.json#/definitions/repoPath/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.parameters !== void 0) {
          let data2 = data.parameters;
          if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
            for (const key1 in data2) {
              if (!func16.call(schema55.properties, key1)) {
                const err8 = { instancePath: instancePath + "/parameters", schemaPath: "#/definitions/parameters/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err8];
                } else {
                  vErrors.push(err8);
                }
                errors++;
              }
            }
            if (data2.temperature !== void 0) {
              let data3 = data2.temperature;
              if (typeof data3 == "number" && isFinite(data3)) {
                if (data3 > 2 || isNaN(data3)) {
                  const err9 = { instancePath: instancePath + "/parameters/temperature", schemaPath: "#/definitions/parameters/properties/temperature/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2 }, message: "must be <= 2" };
                  if (vErrors === null) {
                    vErrors = [err9];
                  } else {
                    vErrors.push(err9);
                  }
                  errors++;
                }
                if (data3 < 0 || isNaN(data3)) {
                  const err10 = { instancePath: instancePath + "/parameters/temperature", schemaPath: "#/definitions/parameters/properties/temperature/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                  if (vErrors === null) {
                    vErrors = [err10];
                  } else {
                    vErrors.push(err10);
                  }
                  errors++;
                }
              } else {
                const err11 = { instancePath: instancePath + "/parameters/temperature", schemaPath: "#/definitions/parameters/properties/temperature/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                if (vErrors === null) {
                  vErrors = [err11];
                } else {
                  vErrors.push(err11);
                }
                errors++;
              }
            }
            if (data2.topP !== void 0) {
              let data4 = data2.topP;
              if (typeof data4 == "number" && isFinite(data4)) {
                if (data4 > 1 || isNaN(data4)) {
                  const err12 = { instancePath: instancePath + "/parameters/topP", schemaPath: "#/definitions/parameters/properties/topP/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1 }, message: "must be <= 1" };
                  if (vErrors === null) {
                    vErrors = [err12];
                  } else {
                    vErrors.push(err12);
                  }
                  errors++;
                }
                if (data4 < 0 || isNaN(data4)) {
                  const err13 = { instancePath: instancePath + "/parameters/topP", schemaPath: "#/definitions/parameters/properties/topP/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                  if (vErrors === null) {
                    vErrors = [err13];
                  } else {
                    vErrors.push(err13);
                  }
                  errors++;
                }
              } else {
                const err14 = { instancePath: instancePath + "/parameters/topP", schemaPath: "#/definitions/parameters/properties/topP/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                if (vErrors === null) {
                  vErrors = [err14];
                } else {
                  vErrors.push(err14);
                }
                errors++;
              }
            }
            if (data2.topK !== void 0) {
              let data5 = data2.topK;
              if (!(typeof data5 == "number" && (!(data5 % 1) && !isNaN(data5)) && isFinite(data5))) {
                const err15 = { instancePath: instancePath + "/parameters/topK", schemaPath: "#/definitions/parameters/properties/topK/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
              if (typeof data5 == "number" && isFinite(data5)) {
                if (data5 < 1 || isNaN(data5)) {
                  const err16 = { instancePath: instancePath + "/parameters/topK", schemaPath: "#/definitions/parameters/properties/topK/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                  if (vErrors === null) {
                    vErrors = [err16];
                  } else {
                    vErrors.push(err16);
                  }
                  errors++;
                }
              }
            }
            if (data2.maxTokens !== void 0) {
              let data6 = data2.maxTokens;
              if (!(typeof data6 == "number" && (!(data6 % 1) && !isNaN(data6)) && isFinite(data6))) {
                const err17 = { instancePath: instancePath + "/parameters/maxTokens", schemaPath: "#/definitions/parameters/properties/maxTokens/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                if (vErrors === null) {
                  vErrors = [err17];
                } else {
                  vErrors.push(err17);
                }
                errors++;
              }
              if (typeof data6 == "number" && isFinite(data6)) {
                if (data6 < 1 || isNaN(data6)) {
                  const err18 = { instancePath: instancePath + "/parameters/maxTokens", schemaPath: "#/definitions/parameters/properties/maxTokens/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                  if (vErrors === null) {
                    vErrors = [err18];
                  } else {
                    vErrors.push(err18);
                  }
                  errors++;
                }
              }
            }
            if (data2.presencePenalty !== void 0) {
              let data7 = data2.presencePenalty;
              if (typeof data7 == "number" && isFinite(data7)) {
                if (data7 > 2 || isNaN(data7)) {
                  const err19 = { instancePath: instancePath + "/parameters/presencePenalty", schemaPath: "#/definitions/parameters/properties/presencePenalty/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2 }, message: "must be <= 2" };
                  if (vErrors === null) {
                    vErrors = [err19];
                  } else {
                    vErrors.push(err19);
                  }
                  errors++;
                }
                if (data7 < -2 || isNaN(data7)) {
                  const err20 = { instancePath: instancePath + "/parameters/presencePenalty", schemaPath: "#/definitions/parameters/properties/presencePenalty/minimum", keyword: "minimum", params: { comparison: ">=", limit: -2 }, message: "must be >= -2" };
                  if (vErrors === null) {
                    vErrors = [err20];
                  } else {
                    vErrors.push(err20);
                  }
                  errors++;
                }
              } else {
                const err21 = { instancePath: instancePath + "/parameters/presencePenalty", schemaPath: "#/definitions/parameters/properties/presencePenalty/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
            }
            if (data2.frequencyPenalty !== void 0) {
              let data8 = data2.frequencyPenalty;
              if (typeof data8 == "number" && isFinite(data8)) {
                if (data8 > 2 || isNaN(data8)) {
                  const err22 = { instancePath: instancePath + "/parameters/frequencyPenalty", schemaPath: "#/definitions/parameters/properties/frequencyPenalty/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2 }, message: "must be <= 2" };
                  if (vErrors === null) {
                    vErrors = [err22];
                  } else {
                    vErrors.push(err22);
                  }
                  errors++;
                }
                if (data8 < -2 || isNaN(data8)) {
                  const err23 = { instancePath: instancePath + "/parameters/frequencyPenalty", schemaPath: "#/definitions/parameters/properties/frequencyPenalty/minimum", keyword: "minimum", params: { comparison: ">=", limit: -2 }, message: "must be >= -2" };
                  if (vErrors === null) {
                    vErrors = [err23];
                  } else {
                    vErrors.push(err23);
                  }
                  errors++;
                }
              } else {
                const err24 = { instancePath: instancePath + "/parameters/frequencyPenalty", schemaPath: "#/definitions/parameters/properties/frequencyPenalty/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
            }
            if (data2.seed !== void 0) {
              let data9 = data2.seed;
              if (!(typeof data9 == "number" && (!(data9 % 1) && !isNaN(data9)) && isFinite(data9))) {
                const err25 = { instancePath: instancePath + "/parameters/seed", schemaPath: "#/definitions/parameters/properties/seed/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                if (vErrors === null) {
                  vErrors = [err25];
                } else {
                  vErrors.push(err25);
                }
                errors++;
              }
            }
            if (data2.stop !== void 0) {
              let data10 = data2.stop;
              if (Array.isArray(data10)) {
                if (data10.length > 16) {
                  const err26 = { instancePath: instancePath + "/parameters/stop", schemaPath: "#/definitions/parameters/properties/stop/maxItems", keyword: "maxItems", params: { limit: 16 }, message: "must NOT have more than 16 items" };
                  if (vErrors === null) {
                    vErrors = [err26];
                  } else {
                    vErrors.push(err26);
                  }
                  errors++;
                }
                const len0 = data10.length;
                for (let i0 = 0; i0 < len0; i0++) {
                  if (typeof data10[i0] !== "string") {
                    const err27 = { instancePath: instancePath + "/parameters/stop/" + i0, schemaPath: "#/definitions/parameters/properties/stop/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err27];
                    } else {
                      vErrors.push(err27);
                    }
                    errors++;
                  }
                }
              } else {
                const err28 = { instancePath: instancePath + "/parameters/stop", schemaPath: "#/definitions/parameters/properties/stop/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err28];
                } else {
                  vErrors.push(err28);
                }
                errors++;
              }
            }
            if (data2.responseFormat !== void 0) {
              let data12 = data2.responseFormat;
              if (typeof data12 !== "string") {
                const err29 = { instancePath: instancePath + "/parameters/responseFormat", schemaPath: "#/definitions/parameters/properties/responseFormat/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err29];
                } else {
                  vErrors.push(err29);
                }
                errors++;
              }
              if (!(data12 === "text" || data12 === "json")) {
                const err30 = { instancePath: instancePath + "/parameters/responseFormat", schemaPath: "#/definitions/parameters/properties/responseFormat/enum", keyword: "enum", params: { allowedValues: schema55.properties.responseFormat.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err30];
                } else {
                  vErrors.push(err30);
                }
                errors++;
              }
            }
            if (data2.extra !== void 0) {
              let data13 = data2.extra;
              if (!(data13 && typeof data13 == "object" && !Array.isArray(data13))) {
                const err31 = { instancePath: instancePath + "/parameters/extra", schemaPath: "#/definitions/parameters/properties/extra/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
          } else {
            const err32 = { instancePath: instancePath + "/parameters", schemaPath: "#/definitions/parameters/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          }
        }
        if (data.tools !== void 0) {
          let data14 = data.tools;
          if (Array.isArray(data14)) {
            if (data14.length > 200) {
              const err33 = { instancePath: instancePath + "/tools", schemaPath: "#/properties/tools/maxItems", keyword: "maxItems", params: { limit: 200 }, message: "must NOT have more than 200 items" };
              if (vErrors === null) {
                vErrors = [err33];
              } else {
                vErrors.push(err33);
              }
              errors++;
            }
            const len1 = data14.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data15 = data14[i1];
              if (typeof data15 === "string") {
                if (func2(data15) > 200) {
                  const err34 = { instancePath: instancePath + "/tools/" + i1, schemaPath: "#/properties/tools/items/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
                  if (vErrors === null) {
                    vErrors = [err34];
                  } else {
                    vErrors.push(err34);
                  }
                  errors++;
                }
                if (func2(data15) < 1) {
                  const err35 = { instancePath: instancePath + "/tools/" + i1, schemaPath: "#/properties/tools/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err35];
                  } else {
                    vErrors.push(err35);
                  }
                  errors++;
                }
              } else {
                const err36 = { instancePath: instancePath + "/tools/" + i1, schemaPath: "#/properties/tools/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err36];
                } else {
                  vErrors.push(err36);
                }
                errors++;
              }
            }
            let i2 = data14.length;
            let j0;
            if (i2 > 1) {
              const indices0 = {};
              for (; i2--; ) {
                let item0 = data14[i2];
                if (typeof item0 !== "string") {
                  continue;
                }
                if (typeof indices0[item0] == "number") {
                  j0 = indices0[item0];
                  const err37 = { instancePath: instancePath + "/tools", schemaPath: "#/properties/tools/uniqueItems", keyword: "uniqueItems", params: { i: i2, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i2 + " are identical)" };
                  if (vErrors === null) {
                    vErrors = [err37];
                  } else {
                    vErrors.push(err37);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i2;
              }
            }
          } else {
            const err38 = { instancePath: instancePath + "/tools", schemaPath: "#/properties/tools/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          }
        }
      } else {
        const err39 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err39];
        } else {
          vErrors.push(err39);
        }
        errors++;
      }
      validate36.errors = vErrors;
      return errors === 0;
    }
    var pattern28 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._:/-]*$", "u");
    function validate33(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      ;
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.apiVersion === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apiVersion" }, message: "must have required property 'apiVersion'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.kind === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.metadata === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "metadata" }, message: "must have required property 'metadata'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        if (data.spec === void 0) {
          const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "spec" }, message: "must have required property 'spec'" };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "apiVersion" || key0 === "kind" || key0 === "metadata" || key0 === "spec")) {
            const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        }
        if (data.apiVersion !== void 0) {
          let data0 = data.apiVersion;
          if (typeof data0 !== "string") {
            const err5 = { instancePath: instancePath + "/apiVersion", schemaPath: "common.schema.json#/definitions/apiVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
          if ("glidepath.dev/v1" !== data0) {
            const err6 = { instancePath: instancePath + "/apiVersion", schemaPath: "common.schema.json#/definitions/apiVersion/const", keyword: "const", params: { allowedValue: "glidepath.dev/v1" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        if (data.kind !== void 0) {
          let data1 = data.kind;
          if (typeof data1 !== "string") {
            const err7 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
          if ("Release" !== data1) {
            const err8 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/const", keyword: "const", params: { allowedValue: "Release" }, message: "must be equal to constant" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data.metadata !== void 0) {
          if (!validate34(data.metadata, { instancePath: instancePath + "/metadata", parentData: data, parentDataProperty: "metadata", rootData })) {
            vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
            errors = vErrors.length;
          }
        }
        if (data.spec !== void 0) {
          let data3 = data.spec;
          if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
            if (data3.policy === void 0) {
              const err9 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "policy" }, message: "must have required property 'policy'" };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
            if (data3.target === void 0) {
              const err10 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "target" }, message: "must have required property 'target'" };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
            if (data3.champion === void 0) {
              const err11 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "champion" }, message: "must have required property 'champion'" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
            if (data3.challenger === void 0) {
              const err12 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "challenger" }, message: "must have required property 'challenger'" };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
            for (const key1 in data3) {
              if (!(key1 === "policy" || key1 === "owner" || key1 === "risk" || key1 === "target" || key1 === "traffic" || key1 === "champion" || key1 === "challenger")) {
                const err13 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            }
            if (data3.policy !== void 0) {
              let data4 = data3.policy;
              if (typeof data4 === "string") {
                if (!pattern0.test(data4)) {
                  const err14 = { instancePath: instancePath + "/spec/policy", schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
                  if (vErrors === null) {
                    vErrors = [err14];
                  } else {
                    vErrors.push(err14);
                  }
                  errors++;
                }
              } else {
                const err15 = { instancePath: instancePath + "/spec/policy", schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
            }
            if (data3.owner !== void 0) {
              let data5 = data3.owner;
              if (typeof data5 === "string") {
                if (func2(data5) > 200) {
                  const err16 = { instancePath: instancePath + "/spec/owner", schemaPath: "#/properties/spec/properties/owner/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
                  if (vErrors === null) {
                    vErrors = [err16];
                  } else {
                    vErrors.push(err16);
                  }
                  errors++;
                }
              } else {
                const err17 = { instancePath: instancePath + "/spec/owner", schemaPath: "#/properties/spec/properties/owner/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err17];
                } else {
                  vErrors.push(err17);
                }
                errors++;
              }
            }
            if (data3.risk !== void 0) {
              let data6 = data3.risk;
              if (typeof data6 !== "string") {
                const err18 = { instancePath: instancePath + "/spec/risk", schemaPath: "#/properties/spec/properties/risk/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err18];
                } else {
                  vErrors.push(err18);
                }
                errors++;
              }
              if (!(data6 === "low" || data6 === "medium" || data6 === "high")) {
                const err19 = { instancePath: instancePath + "/spec/risk", schemaPath: "#/properties/spec/properties/risk/enum", keyword: "enum", params: { allowedValues: schema46.properties.spec.properties.risk.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err19];
                } else {
                  vErrors.push(err19);
                }
                errors++;
              }
            }
            if (data3.target !== void 0) {
              let data7 = data3.target;
              if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
                if (data7.provider === void 0) {
                  const err20 = { instancePath: instancePath + "/spec/target", schemaPath: "#/properties/spec/properties/target/required", keyword: "required", params: { missingProperty: "provider" }, message: "must have required property 'provider'" };
                  if (vErrors === null) {
                    vErrors = [err20];
                  } else {
                    vErrors.push(err20);
                  }
                  errors++;
                }
                if (data7.key === void 0) {
                  const err21 = { instancePath: instancePath + "/spec/target", schemaPath: "#/properties/spec/properties/target/required", keyword: "required", params: { missingProperty: "key" }, message: "must have required property 'key'" };
                  if (vErrors === null) {
                    vErrors = [err21];
                  } else {
                    vErrors.push(err21);
                  }
                  errors++;
                }
                for (const key2 in data7) {
                  if (!(key2 === "provider" || key2 === "key")) {
                    const err22 = { instancePath: instancePath + "/spec/target", schemaPath: "#/properties/spec/properties/target/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err22];
                    } else {
                      vErrors.push(err22);
                    }
                    errors++;
                  }
                }
                if (data7.provider !== void 0) {
                  let data8 = data7.provider;
                  if (typeof data8 === "string") {
                    if (!pattern0.test(data8)) {
                      const err23 = { instancePath: instancePath + "/spec/target/provider", schemaPath: "common.schema.json#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"' };
                      if (vErrors === null) {
                        vErrors = [err23];
                      } else {
                        vErrors.push(err23);
                      }
                      errors++;
                    }
                  } else {
                    const err24 = { instancePath: instancePath + "/spec/target/provider", schemaPath: "common.schema.json#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err24];
                    } else {
                      vErrors.push(err24);
                    }
                    errors++;
                  }
                }
                if (data7.key !== void 0) {
                  let data9 = data7.key;
                  if (typeof data9 === "string") {
                    if (func2(data9) > 200) {
                      const err25 = { instancePath: instancePath + "/spec/target/key", schemaPath: "#/properties/spec/properties/target/properties/key/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
                      if (vErrors === null) {
                        vErrors = [err25];
                      } else {
                        vErrors.push(err25);
                      }
                      errors++;
                    }
                    if (func2(data9) < 1) {
                      const err26 = { instancePath: instancePath + "/spec/target/key", schemaPath: "#/properties/spec/properties/target/properties/key/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err26];
                      } else {
                        vErrors.push(err26);
                      }
                      errors++;
                    }
                    if (!pattern28.test(data9)) {
                      const err27 = { instancePath: instancePath + "/spec/target/key", schemaPath: "#/properties/spec/properties/target/properties/key/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._:/-]*$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._:/-]*$"' };
                      if (vErrors === null) {
                        vErrors = [err27];
                      } else {
                        vErrors.push(err27);
                      }
                      errors++;
                    }
                  } else {
                    const err28 = { instancePath: instancePath + "/spec/target/key", schemaPath: "#/properties/spec/properties/target/properties/key/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err28];
                    } else {
                      vErrors.push(err28);
                    }
                    errors++;
                  }
                }
              } else {
                const err29 = { instancePath: instancePath + "/spec/target", schemaPath: "#/properties/spec/properties/target/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err29];
                } else {
                  vErrors.push(err29);
                }
                errors++;
              }
            }
            if (data3.traffic !== void 0) {
              let data10 = data3.traffic;
              if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
                if (data10.requestsPerHour === void 0) {
                  const err30 = { instancePath: instancePath + "/spec/traffic", schemaPath: "common.schema.json#/definitions/traffic/required", keyword: "required", params: { missingProperty: "requestsPerHour" }, message: "must have required property 'requestsPerHour'" };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
                for (const key3 in data10) {
                  if (!(key3 === "requestsPerHour")) {
                    const err31 = { instancePath: instancePath + "/spec/traffic", schemaPath: "common.schema.json#/definitions/traffic/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err31];
                    } else {
                      vErrors.push(err31);
                    }
                    errors++;
                  }
                }
                if (data10.requestsPerHour !== void 0) {
                  let data11 = data10.requestsPerHour;
                  if (typeof data11 == "number" && isFinite(data11)) {
                    if (data11 <= 0 || isNaN(data11)) {
                      const err32 = { instancePath: instancePath + "/spec/traffic/requestsPerHour", schemaPath: "common.schema.json#/definitions/traffic/properties/requestsPerHour/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
                      if (vErrors === null) {
                        vErrors = [err32];
                      } else {
                        vErrors.push(err32);
                      }
                      errors++;
                    }
                  } else {
                    const err33 = { instancePath: instancePath + "/spec/traffic/requestsPerHour", schemaPath: "common.schema.json#/definitions/traffic/properties/requestsPerHour/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                    if (vErrors === null) {
                      vErrors = [err33];
                    } else {
                      vErrors.push(err33);
                    }
                    errors++;
                  }
                }
              } else {
                const err34 = { instancePath: instancePath + "/spec/traffic", schemaPath: "common.schema.json#/definitions/traffic/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err34];
                } else {
                  vErrors.push(err34);
                }
                errors++;
              }
            }
            if (data3.champion !== void 0) {
              if (!validate36(data3.champion, { instancePath: instancePath + "/spec/champion", parentData: data3, parentDataProperty: "champion", rootData })) {
                vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
                errors = vErrors.length;
              }
            }
            if (data3.challenger !== void 0) {
              if (!validate36(data3.challenger, { instancePath: instancePath + "/spec/challenger", parentData: data3, parentDataProperty: "challenger", rootData })) {
                vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
                errors = vErrors.length;
              }
            }
          } else {
            const err35 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err35];
            } else {
              vErrors.push(err35);
            }
            errors++;
          }
        }
      } else {
        const err36 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err36];
        } else {
          vErrors.push(err36);
        }
        errors++;
      }
      validate33.errors = vErrors;
      return errors === 0;
    }
  }
});

// src/commands/command.ts
var UsageError = class extends Error {
  name = "UsageError";
};

// src/ports/clock.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };
function fixedClock(start) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    }
  };
}

// src/commands/plan.ts
import { existsSync } from "node:fs";
import { dirname, join as join2, relative, sep } from "node:path";

// src/core/yaml/limits.ts
var YAML_LIMITS = {
  maxFileBytes: 1024 * 1024,
  maxDepth: 64,
  maxTokens: 5e4,
  maxFiles: 2e3,
  maxTotalBytes: 16 * 1024 * 1024,
  maxProblemsPerFile: 20
};
function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
function totalTooLargeMessage(limits) {
  return `the Glidepath files of this repository add up to more than ${formatBytes(limits.maxTotalBytes)}; this file and the ones after it were not read`;
}

// src/core/yaml/decode-text.ts
var decoder = new TextDecoder("utf-8", { fatal: true });
function decodeText(bytes) {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: "nul", ...bytePosition(bytes, nul) };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: "utf8", ...bytePosition(bytes, firstInvalidUtf8(bytes)) };
  }
}
function bytePosition(bytes, offset) {
  let line2 = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line2 += 1;
    lineStart = i + 1;
  }
  let col = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i] & 192) !== 128) col += 1;
  return { line: line2, col };
}
function firstInvalidUtf8(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need;
    let min;
    if (b < 128) {
      i += 1;
      continue;
    }
    if (b >= 194 && b <= 223) {
      need = 1;
      min = 128;
    } else if (b >= 224 && b <= 239) {
      need = 2;
      min = 2048;
    } else if (b >= 240 && b <= 244) {
      need = 3;
      min = 65536;
    } else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & 255 >> need + 2;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 192) !== 128) return i;
      cp = cp << 6 | c & 63;
    }
    if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343) return i;
    i += need + 1;
  }
  return bytes.length;
}

// src/core/yaml/parse-yaml.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/core/yaml/parse-plain-yaml.ts
function parsePlainYaml(text, maxDepth, options = { positions: true }) {
  if (UNSUPPORTED_CHARACTERS.test(text)) return void 0;
  try {
    return new PlainParser(text, maxDepth, options).parse();
  } catch (error) {
    if (error === STEP_ASIDE) return void 0;
    throw error;
  }
}
var UNSUPPORTED_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
var STEP_ASIDE = /* @__PURE__ */ Symbol("step aside");
function stepAside() {
  throw STEP_ASIDE;
}
var KEY_AT = /(?:([A-Za-z0-9_][A-Za-z0-9_./-]*)|"([^"\\]*)"|'([^']*)'):(?= |$)/y;
function keyAt(text, col) {
  KEY_AT.lastIndex = col;
  return KEY_AT.exec(text);
}
var FLOW_PLAIN = /[^,[\]{}#]*/y;
var BLOCK_SCALAR_HEADER = /^([|>])([+-]?)(?: +(#.*)?)?$/;
var NULL = /^(?:~|[Nn]ull|NULL)?$/;
var TRUE = /^(?:[Tt]rue|TRUE)$/;
var FALSE = /^(?:[Ff]alse|FALSE)$/;
var INT = /^[-+]?[0-9]+$/;
var FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
var OTHER_NUMBER = /^(?:[-+]?0[ox]|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$)/;
var PLAIN_START_FORBIDDEN = /^(?:[&*!|>%@`'"#,[\]{}]|[-?:](?: |$))/;
function isDashAt(text, col) {
  return text.charCodeAt(col) === 45 && (col + 1 === text.length || text.charCodeAt(col + 1) === 32);
}
function resolvePlain(text) {
  if (text === "") return null;
  const first = text.charCodeAt(0);
  if (!(first >= 48 && first <= 57) && first !== 43 && first !== 45 && first !== 46 && first !== 126 && !/^[nNtTfF]/.test(text)) return text;
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (OTHER_NUMBER.test(text)) stepAside();
  if (INT.test(text)) {
    if (text.replace(/^[-+]/, "").length > 15) stepAside();
    return Number(text);
  }
  if (FLOAT.test(text)) {
    if (text.length > 24) stepAside();
    return Number.parseFloat(text);
  }
  return text;
}
var PlainParser = class {
  constructor(text, maxDepth, options) {
    this.text = text;
    this.maxDepth = maxDepth;
    this.#positions = options.positions;
    this.#keep = options.keepScalar;
    this.#endsWithNewline = text.endsWith("\n");
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf("\n", start);
      const end = nl === -1 ? text.length : nl;
      const line2 = text.slice(start, end);
      let col = 0;
      while (line2.charCodeAt(col) === 32) col += 1;
      this.#lines.push({ start, text: line2, col });
      start = end + 1;
    }
  }
  text;
  maxDepth;
  #lines = [];
  #i = 0;
  #scalars = [];
  #comments = [];
  #endsWithNewline;
  /** The path to the value being read, shared and mutated in place: copied only for scalars that are kept. */
  #path = [];
  #positions;
  #keep;
  parse() {
    this.#skipBlank();
    const first = this.#lines[this.#i];
    if (first && first.col === 0 && /^---(?: +(#.*)?)?$/.test(first.text)) {
      this.#finishLine(first, 3);
      this.#i += 1;
      this.#skipBlank();
    }
    const line2 = this.#lines[this.#i];
    if (!line2 || line2.col !== 0 || !keyAt(line2.text, 0)) stepAside();
    const { value, node } = this.#parseMap(0, 1);
    this.#skipBlank();
    if (this.#i < this.#lines.length) stepAside();
    return { value, root: node, scalars: this.#scalars, comments: this.#comments };
  }
  #node(start, end, children) {
    if (!this.#positions) return void 0;
    return children ? { start, end, children } : { start, end };
  }
  #scalar(text, start, end, isKey) {
    const path = this.#path;
    if (this.#positions || this.#keep?.(text, path[path.length - 1], isKey)) {
      this.#scalars.push({ text, start, end, path: [...path], isKey });
    }
  }
  #isBlank(line2) {
    return line2.col === line2.text.length || line2.text.charCodeAt(line2.col) === 35;
  }
  #skipBlank() {
    while (this.#i < this.#lines.length) {
      const line2 = this.#lines[this.#i];
      if (!this.#isBlank(line2)) return;
      if (line2.col < line2.text.length) this.#comments.push({ text: line2.text.slice(line2.col), start: line2.start + line2.col });
      this.#i += 1;
    }
  }
  #parseBlock(col, depth) {
    const line2 = this.#lines[this.#i];
    if (isDashAt(line2.text, line2.col)) return this.#parseSeq(col, depth);
    if (keyAt(line2.text, line2.col)) return this.#parseMap(col, depth);
    return stepAside();
  }
  #parseMap(col, depth) {
    if (depth > this.maxDepth) stepAside();
    const value = {};
    const children = this.#positions ? /* @__PURE__ */ new Map() : void 0;
    let start = -1;
    let end = -1;
    for (; ; ) {
      this.#skipBlank();
      const line2 = this.#lines[this.#i];
      if (!line2 || line2.col < col) break;
      if (line2.col > col) stepAside();
      const match = keyAt(line2.text, col);
      if (!match) stepAside();
      const key2 = match[1] ?? match[2] ?? match[3] ?? "";
      if (match[1] !== void 0 && typeof resolvePlain(key2) !== "string") stepAside();
      if (key2 === "__proto__" || Object.hasOwn(value, key2)) stepAside();
      const keyStart = line2.start + col;
      const keyEnd = keyStart + match[0].length - 1;
      if (start < 0) start = keyStart;
      this.#path.push(key2);
      this.#scalar(key2, keyStart, keyEnd, true);
      const parsed = this.#parseValue(line2, col + match[0].length, col, "map", depth + 1, keyEnd + 1);
      this.#path.pop();
      value[key2] = parsed.value;
      if (parsed.node) {
        parsed.node.keyStart = keyStart;
        children?.set(key2, parsed.node);
        end = Math.max(end, parsed.node.end);
      }
    }
    return { value, node: this.#node(start, end, children) };
  }
  #parseSeq(col, depth) {
    if (depth > this.maxDepth) stepAside();
    const value = [];
    const children = this.#positions ? /* @__PURE__ */ new Map() : void 0;
    let start = -1;
    let end = -1;
    for (; ; ) {
      this.#skipBlank();
      const line2 = this.#lines[this.#i];
      if (!line2 || line2.col < col) break;
      if (line2.col > col) stepAside();
      if (!isDashAt(line2.text, col)) break;
      if (start < 0) start = line2.start + col;
      const index = value.length;
      let itemCol = col + 1;
      while (line2.text.charCodeAt(itemCol) === 32) itemCol += 1;
      this.#path.push(index);
      let parsed;
      if (itemCol < line2.text.length && line2.text.charCodeAt(itemCol) !== 35 && keyAt(line2.text, itemCol)) {
        this.#lines[this.#i] = { start: line2.start, text: line2.text, col: itemCol };
        parsed = this.#parseMap(itemCol, depth + 1);
      } else {
        parsed = this.#parseValue(line2, itemCol, col, "seq", depth + 1, line2.start + col + 1);
      }
      this.#path.pop();
      value.push(parsed.value);
      if (parsed.node) {
        children?.set(index, parsed.node);
        end = Math.max(end, parsed.node.end);
      }
    }
    return { value, node: this.#node(start, end, children) };
  }
  /**
   * The value after `key:` or `- ` on `line`, from column `from`. `parentCol` is the column of
   * the key or dash: anything on later lines that is indented further belongs to this value.
   */
  #parseValue(line2, from, parentCol, context, depth, emptyAt) {
    let c = from;
    while (line2.text.charCodeAt(c) === 32) c += 1;
    const text = line2.text;
    if (c === text.length || text.charCodeAt(c) === 35) {
      if (c < text.length) this.#comments.push({ text: text.slice(c), start: line2.start + c });
      this.#i += 1;
      this.#skipBlank();
      const next2 = this.#lines[this.#i];
      if (next2 && next2.col > parentCol) return this.#parseBlock(next2.col, depth);
      if (next2 && context === "map" && next2.col === parentCol && isDashAt(next2.text, next2.col)) return this.#parseSeq(parentCol, depth);
      return { value: null, node: this.#node(emptyAt, emptyAt) };
    }
    const first = text.charAt(c);
    if (first === "|" || first === ">") return this.#parseBlockScalar(line2, c, parentCol);
    let parsed;
    let after;
    if (first === "[" || first === "{") {
      const flow = new FlowReader(text, line2.start, this.maxDepth, this.#path, (t, s, e, k) => this.#scalar(t, s, e, k), (s, e, ch) => this.#node(s, e, ch), this.#positions);
      ({ parsed, end: after } = flow.read(c, depth));
    } else if (first === '"' || first === "'") {
      const quoted2 = readQuoted(text, c);
      const start = line2.start + c;
      this.#scalar(quoted2.value, start, line2.start + quoted2.end, false);
      parsed = { value: quoted2.value, node: this.#node(start, line2.start + quoted2.end) };
      after = quoted2.end;
    } else {
      const rest = c === 0 ? text : text.slice(c);
      if (PLAIN_START_FORBIDDEN.test(rest)) stepAside();
      const hash = rest.indexOf(" #");
      const raw = (hash === -1 ? rest : rest.slice(0, hash)).trimEnd();
      if (raw.includes(": ") || raw.endsWith(":")) stepAside();
      const start = line2.start + c;
      this.#scalar(raw, start, start + raw.length, false);
      parsed = { value: resolvePlain(raw), node: this.#node(start, start + raw.length) };
      after = c + raw.length;
    }
    this.#finishLine(line2, after);
    this.#i += 1;
    this.#skipBlank();
    const next = this.#lines[this.#i];
    if (next && next.col > parentCol) stepAside();
    return parsed;
  }
  /** After a value only spaces and a comment may follow on its line. */
  #finishLine(line2, after) {
    const text = line2.text;
    let p = after;
    while (text.charCodeAt(p) === 32) p += 1;
    if (p === text.length) return;
    if (p === after || text.charCodeAt(p) !== 35) stepAside();
    this.#comments.push({ text: text.slice(p), start: line2.start + p });
  }
  #parseBlockScalar(line2, c, parentCol) {
    const header = BLOCK_SCALAR_HEADER.exec(line2.text.slice(c));
    if (!header) stepAside();
    if (header[3]) this.#comments.push({ text: header[3], start: line2.start + line2.text.length - header[3].length });
    const folded = header[1] === ">";
    const chomping = header[2];
    this.#i += 1;
    let j = this.#i;
    let longestLeadingBlank = 0;
    while (j < this.#lines.length && this.#lines[j].col === this.#lines[j].text.length) {
      longestLeadingBlank = Math.max(longestLeadingBlank, this.#lines[j].text.length);
      j += 1;
    }
    const firstContent = this.#lines[j];
    if (!firstContent || firstContent.col <= parentCol || longestLeadingBlank > firstContent.col) stepAside();
    const indent = firstContent.col;
    const body = [];
    let k = this.#i;
    let lastContent = -1;
    for (; k < this.#lines.length; k++) {
      const l = this.#lines[k];
      const blank = l.col === l.text.length;
      if (!blank && l.col < indent) break;
      if (blank && l.text.length > indent) stepAside();
      const piece = blank ? "" : l.text.slice(indent);
      if (folded && piece.startsWith(" ")) stepAside();
      body.push(piece);
      if (!blank) lastContent = body.length - 1;
    }
    if (k >= this.#lines.length && !this.#endsWithNewline) stepAside();
    const content = body.slice(0, lastContent + 1);
    const trailing = body.length - content.length;
    let value;
    if (folded) {
      value = "";
      let pendingBlank = 0;
      let started = false;
      for (const piece of content) {
        if (piece === "") {
          pendingBlank += 1;
          continue;
        }
        if (!started) value += "\n".repeat(pendingBlank);
        else value += pendingBlank === 0 ? " " : "\n".repeat(pendingBlank);
        value += piece;
        pendingBlank = 0;
        started = true;
      }
    } else {
      value = content.join("\n");
    }
    if (chomping === "") value += "\n";
    else if (chomping === "+") value += "\n".repeat(1 + trailing);
    const lastLine = this.#lines[this.#i + lastContent];
    const start = line2.start + c;
    const end = lastLine.start + lastLine.text.length;
    this.#i = k;
    this.#scalar(value, start, end, false);
    return { value, node: this.#node(start, end) };
  }
};
function readQuoted(text, at) {
  const quote = text.charAt(at);
  if (quote === '"') {
    const close = text.indexOf('"', at + 1);
    if (close === -1) stepAside();
    const inner = text.slice(at + 1, close);
    if (inner.includes("\\")) stepAside();
    return { value: inner, end: close + 1 };
  }
  let value = "";
  let p = at + 1;
  for (; ; ) {
    const close = text.indexOf("'", p);
    if (close === -1) stepAside();
    value += text.slice(p, close);
    if (text.charAt(close + 1) === "'") {
      value += "'";
      p = close + 2;
      continue;
    }
    return { value, end: close + 1 };
  }
}
var FlowReader = class {
  constructor(text, lineStart, maxDepth, path, scalar, node, positions) {
    this.text = text;
    this.lineStart = lineStart;
    this.maxDepth = maxDepth;
    this.path = path;
    this.scalar = scalar;
    this.node = node;
    this.positions = positions;
  }
  text;
  lineStart;
  maxDepth;
  path;
  scalar;
  node;
  positions;
  read(at, depth) {
    return this.#value(at, depth);
  }
  #skipSpaces(p) {
    while (this.text.charCodeAt(p) === 32) p += 1;
    return p;
  }
  #value(at, depth) {
    const ch = this.text.charAt(at);
    if (ch === "[") return this.#seq(at, depth);
    if (ch === "{") return this.#map(at, depth);
    if (ch === '"' || ch === "'") {
      const quoted2 = readQuoted(this.text, at);
      const start2 = this.lineStart + at;
      const end2 = this.lineStart + quoted2.end;
      this.scalar(quoted2.value, start2, end2, false);
      return { parsed: { value: quoted2.value, node: this.node(start2, end2) }, end: quoted2.end };
    }
    const raw = this.#plain(at);
    const start = this.lineStart + at;
    const end = start + raw.length;
    this.scalar(raw, start, end, false);
    return { parsed: { value: resolvePlain(raw), node: this.node(start, end) }, end: at + raw.length };
  }
  #plain(at) {
    FLOW_PLAIN.lastIndex = at;
    const raw = FLOW_PLAIN.exec(this.text)[0].trimEnd();
    if (raw === "" || PLAIN_START_FORBIDDEN.test(raw) || raw.includes(":") || raw.includes(" #")) stepAside();
    return raw;
  }
  #seq(at, depth) {
    if (depth > this.maxDepth) stepAside();
    const value = [];
    const children = this.positions ? /* @__PURE__ */ new Map() : void 0;
    let p = this.#skipSpaces(at + 1);
    if (this.text.charAt(p) !== "]") {
      for (; ; ) {
        const index = value.length;
        this.path.push(index);
        const item = this.#value(p, depth + 1);
        this.path.pop();
        value.push(item.parsed.value);
        if (item.parsed.node) children?.set(index, item.parsed.node);
        p = this.#skipSpaces(item.end);
        const ch = this.text.charAt(p);
        if (ch === "]") break;
        if (ch !== ",") stepAside();
        p = this.#skipSpaces(p + 1);
        if (this.text.charAt(p) === "]") stepAside();
      }
    }
    return { parsed: { value, node: this.node(this.lineStart + at, this.lineStart + p + 1, children) }, end: p + 1 };
  }
  #map(at, depth) {
    if (depth > this.maxDepth) stepAside();
    const value = {};
    const children = this.positions ? /* @__PURE__ */ new Map() : void 0;
    let p = this.#skipSpaces(at + 1);
    if (this.text.charAt(p) !== "}") {
      for (; ; ) {
        const match = keyAt(this.text, p);
        if (!match) stepAside();
        const key2 = match[1] ?? match[2] ?? match[3] ?? "";
        if (match[1] !== void 0 && typeof resolvePlain(key2) !== "string") stepAside();
        if (key2 === "__proto__" || Object.hasOwn(value, key2)) stepAside();
        const keyStart = this.lineStart + p;
        this.path.push(key2);
        this.scalar(key2, keyStart, keyStart + match[0].length - 1, true);
        p = this.#skipSpaces(p + match[0].length);
        const ch = this.text.charAt(p);
        if (ch === "," || ch === "}" || ch === "") stepAside();
        const item = this.#value(p, depth + 1);
        this.path.pop();
        if (item.parsed.node) {
          item.parsed.node.keyStart = keyStart;
          children?.set(key2, item.parsed.node);
        }
        value[key2] = item.parsed.value;
        p = this.#skipSpaces(item.end);
        const next = this.text.charAt(p);
        if (next === "}") break;
        if (next !== ",") stepAside();
        p = this.#skipSpaces(p + 1);
        if (this.text.charAt(p) === "}") stepAside();
      }
    }
    return { parsed: { value, node: this.node(this.lineStart + at, this.lineStart + p + 1, children) }, end: p + 1 };
  }
};

// src/core/yaml/prescan-tokens.ts
var import_yaml = __toESM(require_dist(), 1);
function prescanTokens(text, maxDepth, maxTokens = Number.POSITIVE_INFINITY) {
  const tokens = [];
  const problems = [];
  const scalars = [];
  const comments = [];
  const levels = [];
  let offset = 0;
  let lineStart = 0;
  let flowDepth = 0;
  let atScalar = false;
  let anchors = 0;
  let aliases = 0;
  let tags = 0;
  let directives = 0;
  let firstAnchor = -1;
  let firstAlias = -1;
  let firstTag = -1;
  let firstTagText = "";
  let firstDirective = -1;
  let hasContent = false;
  let extraDocuments = 0;
  let secondDocument = -1;
  const pushLevel = (col, indicator) => {
    while (levels.length > 0) {
      const top = levels[levels.length - 1];
      if (top.col > col || top.col === col && (indicator ? top.indicator : true)) levels.pop();
      else break;
    }
    levels.push({ col, indicator });
    return levels.length + flowDepth <= maxDepth;
  };
  const tooDeep = (at) => {
    problems.push({
      offset: at,
      severity: "error",
      rule: "yaml/too-deep",
      message: `values are nested more than ${maxDepth} levels deep here; Glidepath files need only a few levels`,
      hint: "flatten the structure; the parser stops here to protect itself"
    });
    return finish(true);
  };
  const finish = (truncated = false) => {
    const more = (n) => n > 1 ? `; this file has ${n}` : "";
    if (secondDocument >= 0) {
      problems.push({
        offset: secondDocument,
        severity: "error",
        rule: "yaml/multiple-documents",
        message: `this file holds ${truncated ? "at least " : ""}${extraDocuments + 1} YAML documents; Glidepath reads exactly one document per file`,
        hint: "move each document after a `---` into its own file"
      });
    }
    if (firstAnchor >= 0) {
      problems.push({
        offset: firstAnchor,
        severity: "error",
        rule: "yaml/anchor",
        message: `YAML anchors (\`&name\`) are not allowed in Glidepath files${more(anchors)}`,
        hint: "write each value out in full, so that reviewers see exactly what rolls out"
      });
    }
    if (firstAlias >= 0) {
      problems.push({
        offset: firstAlias,
        severity: "error",
        rule: "yaml/alias",
        message: `YAML aliases (\`*name\`) are not allowed in Glidepath files${more(aliases)}`,
        hint: "write each value out in full; aliases are rejected so that no file can expand into a huge document"
      });
    }
    if (firstTag >= 0) {
      const shown = /^!{1,2}[A-Za-z0-9/._:-]{0,38}$/.test(firstTagText) ? `\`${firstTagText}\`` : "explicit tags";
      problems.push({
        offset: firstTag,
        severity: "error",
        rule: "yaml/tag",
        message: `YAML tags such as ${shown} are not allowed in Glidepath files${more(tags)}`,
        hint: "remove the tag; quote the value if it must be read as text"
      });
    }
    if (firstDirective >= 0) {
      problems.push({
        offset: firstDirective,
        severity: "error",
        rule: "yaml/directive",
        message: `YAML directives (\`%YAML\`, \`%TAG\`) are not allowed in Glidepath files${more(directives)}`,
        hint: "remove the directive line; Glidepath reads YAML 1.2"
      });
    }
    return { tokens, problems, scalars, comments };
  };
  for (const token of new import_yaml.Lexer().lex(text)) {
    tokens.push(token);
    if (tokens.length > maxTokens) {
      problems.push({
        offset,
        severity: "error",
        rule: "yaml/too-complex",
        message: `the file holds more than ${maxTokens.toLocaleString("en-US")} YAML tokens; Glidepath files are a few hundred`,
        hint: "check that this is the file you meant; split very long lists"
      });
      return finish(true);
    }
    const start = offset;
    if (atScalar) {
      atScalar = false;
      hasContent = true;
      offset += token.length;
      scalars.push({ text: token, start, end: offset, path: [], isKey: false });
      if (flowDepth === 0 && !pushLevel(start - lineStart, false)) return tooDeep(start);
      continue;
    }
    const type = import_yaml.CST.tokenType(token);
    if (type === "scalar") {
      atScalar = true;
      continue;
    }
    if (type === "doc-mode" || type === "flow-error-end") continue;
    offset += token.length;
    if (type !== "newline" && type !== "space" && type !== "comment" && type !== "byte-order-mark" && type !== "directive-line" && type !== "doc-start" && type !== "doc-end") hasContent = true;
    switch (type) {
      case "doc-start":
        if (hasContent) {
          extraDocuments += 1;
          if (secondDocument < 0) secondDocument = start;
        }
        break;
      case "newline":
        lineStart = offset;
        break;
      case "comment":
        comments.push({ text: token, start });
        break;
      case "flow-map-start":
      case "flow-seq-start":
        if (flowDepth === 0 && !pushLevel(start - lineStart, false)) return tooDeep(start);
        flowDepth += 1;
        if (levels.length + flowDepth > maxDepth) return tooDeep(start);
        break;
      case "flow-map-end":
      case "flow-seq-end":
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case "seq-item-ind":
      case "explicit-key-ind":
        if (flowDepth === 0 && !pushLevel(start - lineStart, true)) return tooDeep(start);
        break;
      case "single-quoted-scalar":
      case "double-quoted-scalar":
      case "block-scalar-header":
        if (type !== "block-scalar-header") scalars.push({ text: token, start, end: offset, path: [], isKey: false });
        if (flowDepth === 0 && !pushLevel(start - lineStart, false)) return tooDeep(start);
        break;
      case "anchor":
        anchors += 1;
        if (firstAnchor < 0) firstAnchor = start;
        break;
      case "alias":
        aliases += 1;
        if (firstAlias < 0) firstAlias = start;
        break;
      case "tag":
        tags += 1;
        if (firstTag < 0) {
          firstTag = start;
          firstTagText = token.slice(0, 40);
        }
        break;
      case "directive-line":
        directives += 1;
        if (firstDirective < 0) firstDirective = start;
        break;
      default:
        break;
    }
  }
  return finish();
}

// src/core/yaml/parse-yaml.ts
var EMPTY_NODE = { start: 0, end: 0 };
function parseYaml(text, limits = YAML_LIMITS, keepScalar = () => true) {
  const plain2 = parsePlainYaml(text, limits.maxDepth, { positions: false, keepScalar });
  if (plain2) {
    let root;
    const sourceMap = () => {
      root ??= parsePlainYaml(text, limits.maxDepth, { positions: true })?.root ?? EMPTY_NODE;
      return root;
    };
    return { value: plain2.value, sourceMap, scalars: plain2.scalars, comments: plain2.comments, problems: [] };
  }
  return parseWithFullParser(text, limits);
}
var emptyMap = () => EMPTY_NODE;
function parseWithFullParser(text, limits = YAML_LIMITS) {
  const scan = prescanTokens(text, limits.maxDepth, limits.maxTokens);
  if (scan.problems.length > 0) {
    return { value: void 0, sourceMap: emptyMap, scalars: scan.scalars, comments: scan.comments, problems: scan.problems };
  }
  let documents;
  try {
    const parser = new import_yaml2.Parser();
    const cst = [];
    for (const token of scan.tokens) for (const node of parser.next(token)) cst.push(node);
    for (const node of parser.end()) cst.push(node);
    documents = Array.from(new import_yaml2.Composer({ prettyErrors: false, uniqueKeys: false, strict: true }).compose(cst, true, text.length));
  } catch {
    return {
      value: void 0,
      sourceMap: emptyMap,
      scalars: scan.scalars,
      comments: scan.comments,
      problems: [{ offset: 0, severity: "error", rule: "yaml/syntax", message: "the YAML parser could not read this file", hint: "simplify the file; Glidepath files are plain mappings and lists" }]
    };
  }
  const problems = [];
  const document = documents[0];
  if (documents.length > 1) {
    const second = documents[1];
    problems.push({
      offset: documentStart(second, text),
      severity: "error",
      rule: "yaml/multiple-documents",
      message: `this file holds ${documents.length} YAML documents; Glidepath reads exactly one document per file`,
      hint: "move each document after a `---` into its own file"
    });
  }
  if (!document) {
    return { value: void 0, sourceMap: emptyMap, scalars: scan.scalars, comments: scan.comments, problems: [emptyFile(), ...problems] };
  }
  for (const error of document.errors.slice(0, limits.maxProblemsPerFile)) problems.push(fromYamlError(error, text, "error"));
  if (document.errors.length > limits.maxProblemsPerFile) {
    problems.push({ offset: text.length, severity: "error", rule: "yaml/syntax", message: `${document.errors.length - limits.maxProblemsPerFile} more YAML syntax errors in this file` });
  }
  for (const warning of document.warnings.slice(0, limits.maxProblemsPerFile)) problems.push(fromYamlError(warning, text, "warning"));
  const scalars = [];
  const duplicates = [];
  const root = document.contents ? toSourceNode(document.contents, [], scalars, duplicates) : EMPTY_NODE;
  for (const offset of duplicates.slice(0, limits.maxProblemsPerFile)) {
    problems.push({ offset, severity: "error", rule: "yaml/duplicate-key", message: `duplicate key${quoteKey(text, offset)}; each key may appear only once in a mapping`, hint: "remove one of them or merge their contents" });
  }
  if (document.contents === null || (0, import_yaml2.isScalar)(document.contents) && document.contents.value === null && document.contents.source === "") {
    if (problems.length === 0) problems.push(emptyFile());
  }
  let value;
  if (!problems.some((p) => p.severity === "error")) {
    try {
      value = document.toJS({ maxAliasCount: 0 });
    } catch {
      problems.push({ offset: 0, severity: "error", rule: "yaml/syntax", message: "the YAML document could not be converted to data" });
    }
  }
  return { value, sourceMap: () => root, scalars, comments: scan.comments, problems };
}
function emptyFile() {
  return {
    offset: 0,
    severity: "error",
    rule: "yaml/empty",
    message: "the file is empty; a Glidepath file holds one document with apiVersion, kind, metadata and spec",
    hint: "fill it in or delete it"
  };
}
function documentStart(document, text) {
  const start = document.range[0];
  const marker = text.lastIndexOf("---", start);
  return marker !== -1 && start - marker <= 4 ? marker : start;
}
var MESSAGES = {
  DUPLICATE_KEY: {
    rule: "yaml/duplicate-key",
    message: (error, text) => `duplicate key${quoteKey(text, error.pos[0])}; each key may appear only once in a mapping`,
    hint: "remove one of them or merge their contents"
  },
  TAB_AS_INDENT: {
    rule: "yaml/tab-indent",
    message: () => "a tab is used for indentation; YAML indents with spaces only",
    hint: "replace the tab with spaces"
  },
  MULTIPLE_DOCS: {
    rule: "yaml/multiple-documents",
    message: () => "this file holds more than one YAML document; Glidepath reads exactly one document per file",
    hint: "move each document after a `---` into its own file"
  },
  BAD_DQ_ESCAPE: { rule: "yaml/syntax", message: () => "invalid escape sequence in a double-quoted string", hint: "use single quotes, or escape the backslash as `\\\\`" },
  TAG_RESOLVE_FAILED: { rule: "yaml/tag", message: () => "unknown YAML tag", hint: "remove the tag" },
  BAD_ALIAS: { rule: "yaml/alias", message: () => "YAML aliases are not allowed in Glidepath files" },
  BAD_SCALAR_START: { rule: "yaml/syntax", message: (error) => `YAML syntax error: ${error.message}`, hint: "quote the value" },
  BLOCK_AS_IMPLICIT_KEY: { rule: "yaml/syntax", message: (error) => `YAML syntax error: ${error.message}`, hint: "put a space after each `:` and start nested mappings on a new, indented line" },
  MULTILINE_IMPLICIT_KEY: { rule: "yaml/syntax", message: () => "YAML syntax error: a key must fit on one line (a `:` may be missing on the line before)" },
  MISSING_CHAR: { rule: "yaml/syntax", message: (error) => `YAML syntax error: ${error.message}` },
  BAD_INDENT: { rule: "yaml/syntax", message: (error) => `YAML syntax error: ${error.message}`, hint: "check the indentation of this line against the lines around it" },
  UNEXPECTED_TOKEN: {
    rule: "yaml/syntax",
    message: (error) => /^Unexpected (?:,|[a-z-]+ token|[a-z-]+ at node end|empty item)/.test(error.message) ? `YAML syntax error: ${error.message}` : "YAML syntax error: unexpected characters here"
  }
};
var SAFE_CODES = /* @__PURE__ */ new Set(["BAD_DIRECTIVE", "BAD_COLLECTION_TYPE", "BAD_PROP_ORDER", "COMMENT_SPACE", "IMPOSSIBLE", "KEY_OVER_1024_CHARS", "MISSING_ANCHOR", "UNEXPECTED_TOKEN"]);
function fromYamlError(error, text, severity) {
  const known = MESSAGES[error.code];
  if (known) {
    return { offset: error.pos[0], severity, rule: known.rule, message: known.message(error, text), ...known.hint ? { hint: known.hint } : {} };
  }
  const message = SAFE_CODES.has(error.code) && error.message.length <= 160 && !error.message.includes(":") ? error.message : "the YAML here cannot be read";
  return { offset: error.pos[0], severity, rule: severity === "error" ? "yaml/syntax" : "yaml/warning", message: `YAML ${severity === "error" ? "syntax error" : "warning"}: ${message}` };
}
function quoteKey(text, offset) {
  const match = /^[A-Za-z0-9_./-]{1,64}(?=\s*:)/.exec(text.slice(offset, offset + 80));
  return match ? ` \`${match[0]}\`` : "";
}
function toSourceNode(node, path, scalars, duplicates) {
  const [start, end] = node.range ?? [0, 0];
  if ((0, import_yaml2.isMap)(node)) {
    const children = /* @__PURE__ */ new Map();
    for (const pair of node.items) {
      const key2 = pair.key;
      if (!(0, import_yaml2.isScalar)(key2)) continue;
      const name = String(key2.value ?? "");
      const keyStart = key2.range?.[0] ?? start;
      const childPath = [...path, name];
      scalars.push({ text: name, start: keyStart, end: key2.range?.[1] ?? keyStart, path: childPath, isKey: true });
      const value = pair.value;
      const child = value && typeof value === "object" && "range" in value ? toSourceNode(value, childPath, scalars, duplicates) : { start: key2.range?.[1] ?? keyStart, end: key2.range?.[1] ?? keyStart };
      if (children.has(name)) duplicates.push(keyStart);
      else children.set(name, { ...child, keyStart });
    }
    return { start, end, children };
  }
  if ((0, import_yaml2.isSeq)(node)) {
    const children = /* @__PURE__ */ new Map();
    node.items.forEach((item, index) => {
      if (item && typeof item === "object" && "range" in item) children.set(index, toSourceNode(item, [...path, index], scalars, duplicates));
    });
    return { start, end, children };
  }
  if ((0, import_yaml2.isScalar)(node)) {
    const text = typeof node.value === "string" ? node.value : node.source ?? String(node.value);
    scalars.push({ text: String(text), start, end, path, isKey: false });
  } else if ((0, import_yaml2.isAlias)(node)) {
    return { start, end };
  }
  return { start, end };
}

// src/core/validate/inline-secrets.ts
var SECRET_PATTERNS = [
  { kind: "an OpenAI or Anthropic API key", pattern: /\bsk-[A-Za-z0-9_-]{16,}/g },
  { kind: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: "an AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: "a Stripe key", pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: "a Hugging Face token", pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: "a JSON Web Token", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "a private key", pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g },
  { kind: "a bearer token", pattern: /\b[Bb]earer\s+[A-Za-z0-9._~+/=-]{16,}/g, accept: (m) => /[0-9]/.test(m) },
  { kind: "a password in a URL", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s/@]+@/g }
];
var SECRET_KEYS = /* @__PURE__ */ new Set([
  "token",
  "apikey",
  "apitoken",
  "accesstoken",
  "authtoken",
  "bearertoken",
  "refreshtoken",
  "secret",
  "secretkey",
  "clientsecret",
  "apisecret",
  "password",
  "passwd",
  "pwd",
  "authorization",
  "privatekey",
  "accesskey",
  "secretaccesskey",
  "credential",
  "credentials"
]);
var secretKeyMemo = /* @__PURE__ */ new Map();
function isSecretKey(key2) {
  let secret = secretKeyMemo.get(key2);
  if (secret === void 0) {
    secret = SECRET_KEYS.has(key2.toLowerCase().replace(/[-_]/g, ""));
    if (secretKeyMemo.size < 1e4) secretKeyMemo.set(key2, secret);
  }
  return secret;
}
var RANDOM_LOOKING = /[A-Za-z0-9+/=_-]{32,}/g;
var SHORTEST_SECRET = 8;
var ANY_PATTERN = /sk-|gh[pousr]_|github_pat_|AKIA|ASIA|xox|AIza|k_live_|k_test_|hf_|eyJ|PRIVATE KEY|earer|:\/\//;
function secretScalarFilter(text) {
  if (ANY_PATTERN.test(text)) return () => true;
  return (value, key2, isKey) => !isKey && (value.length >= 32 || typeof key2 === "string" && isSecretKey(key2));
}
function findInlineSecrets(scalars, comments) {
  const findings = /* @__PURE__ */ new Map();
  const add = (finding) => {
    if (!findings.has(finding.start)) findings.set(finding.start, finding);
  };
  for (const scalar of scalars) {
    matchPatterns(scalar.text, (index) => sourceOffset(scalar, index), scalar.path, false, add);
    if (!scalar.isKey) {
      const key2 = scalar.path[scalar.path.length - 1];
      if (typeof key2 === "string" && isSecretKey(key2) && scalar.text.trim() !== "") {
        add({ start: scalar.start, end: scalar.end, kind: `a value under \`${key2}\``, path: scalar.path, inComment: false, value: scalar.text });
      }
      if (scalar.text.length < 32) continue;
      for (const match of scalar.text.matchAll(RANDOM_LOOKING)) {
        if (looksRandom(match[0])) {
          add({ start: sourceOffset(scalar, match.index), end: scalar.end, kind: "a long random-looking token", path: scalar.path, inComment: false, value: match[0] });
        }
      }
    }
  }
  for (const comment of comments) matchPatterns(comment.text, (index) => comment.start + index, [], true, add);
  return [...findings.values()].sort((a, b) => a.start - b.start);
}
function matchPatterns(text, at, path, inComment, add) {
  if (text.length < SHORTEST_SECRET || !ANY_PATTERN.test(text)) return;
  for (const { kind, pattern, accept } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (accept && !accept(match[0])) continue;
      const start = at(match.index);
      add({ start, end: start + match[0].length, kind, path, inComment, value: match[0] });
    }
  }
}
function sourceOffset(scalar, index) {
  const span = scalar.end - scalar.start;
  if (span === scalar.text.length) return scalar.start + index;
  if (span === scalar.text.length + 2) return scalar.start + 1 + index;
  return scalar.start;
}
function looksRandom(token) {
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token)) return false;
  if ((token.match(/[0-9]+/g) ?? []).length < 3) return false;
  if (/[a-z]{8}/.test(token)) return false;
  if (token.includes("/") && token.split("/").every((part) => part.length < 24)) return false;
  return shannonEntropy(token) >= 4;
}
function shannonEntropy(text) {
  const counts = /* @__PURE__ */ new Map();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
function redactSecrets(text, secrets) {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  return out;
}

// src/core/validate/parse-document-file.ts
var parsedFiles = /* @__PURE__ */ new WeakMap();
function parseDocumentFile(bytes, limits) {
  const cached = parsedFiles.get(bytes);
  if (cached && cached.limits === limits) return cached.file;
  const file = readFile(bytes, limits);
  parsedFiles.set(bytes, { limits, file });
  return file;
}
function readFile(bytes, limits) {
  if (bytes.length > limits.maxFileBytes) return { kind: "too-large", size: bytes.length };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: "undecodable", reason: decoded.reason, line: decoded.line, col: decoded.col };
  return { kind: "parsed", text: decoded.text, yaml: parseYaml(decoded.text, limits, secretScalarFilter(decoded.text)) };
}

// src/core/model/index.ts
var API_VERSION = "glidepath.dev/v1";

// src/core/validate/did-you-mean.ts
function editDistance(a, b, max = Number.POSITIVE_INFINITY) {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prevPrev = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row3 = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row3[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      row3.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row3;
  }
  return prev[t.length];
}
function suggest(word, candidates) {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(word, candidate, limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
function didYouMean(word, candidates) {
  const match = suggest(word, candidates);
  return match === void 0 ? void 0 : `did you mean \`${match}\`?`;
}

// src/core/validate/document-kinds.ts
var KIND_HOMES = {
  Config: "glidepath.yaml",
  RolloutPolicy: "policies/",
  Release: "releases/"
};
var CONFIG_PATH = "glidepath.yaml";
var YAML_FILE = /\.ya?ml$/;
function expectedKind(path) {
  if (path === CONFIG_PATH) return "Config";
  if (!YAML_FILE.test(path)) return void 0;
  if (path.startsWith("policies/")) return "RolloutPolicy";
  if (path.startsWith("releases/")) return "Release";
  return void 0;
}
var ALL_KINDS = Object.keys(KIND_HOMES);
var KIND_LIST = ALL_KINDS.map((k) => `${k} (${KIND_HOMES[k]})`).join(", ");
function checkDocumentIdentity(value, expected) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      problems: [{ path: [], at: "value", severity: "error", rule: "document/not-a-mapping", message: `the document must be a mapping with apiVersion, kind, metadata and spec, not ${Array.isArray(value) ? "a list" : "a single value"}`, hint: `start with \`apiVersion: ${API_VERSION}\` and \`kind: ${expected}\`` }],
      skipSchema: true
    };
  }
  const record = value;
  const problems = [];
  let skipSchema = false;
  const kind = record["kind"];
  const home = KIND_HOMES[expected];
  if (kind === void 0) {
    problems.push({ path: [], at: "key", severity: "error", rule: "document/kind", message: `missing \`kind\`; ${home === CONFIG_PATH ? home : `files in ${home}`} hold \`kind: ${expected}\``, hint: `add \`kind: ${expected}\`` });
    skipSchema = true;
  } else if (kind !== expected) {
    skipSchema = true;
    if (typeof kind === "string" && ALL_KINDS.includes(kind)) {
      problems.push({ path: ["kind"], at: "value", severity: "error", rule: "document/kind", message: `a ${kind} belongs in ${KIND_HOMES[kind]}, but this file is ${expected === "Config" ? CONFIG_PATH : `in ${home}`}, which holds ${expected}`, hint: `move the file to ${KIND_HOMES[kind]}, or change \`kind\` to \`${expected}\`` });
    } else {
      const guess = typeof kind === "string" ? suggest(kind, ALL_KINDS) : void 0;
      problems.push({ path: ["kind"], at: "value", severity: "error", rule: "document/kind", message: `unknown kind; Glidepath kinds are ${KIND_LIST}`, hint: guess ? `did you mean \`${guess}\`?` : `this file needs \`kind: ${expected}\`` });
    }
  }
  const apiVersion = record["apiVersion"];
  if (apiVersion === void 0) {
    problems.push({ path: [], at: "key", severity: "error", rule: "document/api-version", message: `missing \`apiVersion\``, hint: `add \`apiVersion: ${API_VERSION}\`` });
  } else if (apiVersion !== API_VERSION) {
    problems.push({ path: ["apiVersion"], at: "value", severity: "error", rule: "document/api-version", message: `unsupported apiVersion; this version of Glidepath reads \`${API_VERSION}\``, hint: `write \`apiVersion: ${API_VERSION}\`` });
  }
  return { problems, skipSchema };
}
function isIdentityError(instancePath, keyword, missing) {
  if (instancePath === "/apiVersion" || instancePath === "/kind") return true;
  return instancePath === "" && keyword === "required" && (missing === "apiVersion" || missing === "kind");
}

// src/core/validate/field-path.ts
var IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function formatFieldPath(path) {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
function parseInstancePath(instancePath, root) {
  if (instancePath === "") return [];
  const path = [];
  let value = root;
  for (const raw of instancePath.slice(1).split("/")) {
    const key2 = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(key2)) {
      const index = Number(key2);
      path.push(index);
      value = value[index];
    } else {
      path.push(key2);
      value = value !== null && typeof value === "object" ? value[key2] : void 0;
    }
  }
  return path;
}
function valueAt(root, path) {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return void 0;
    value = value[segment];
  }
  return value;
}

// src/core/validate/repo-path.ts
function findRepoPathProblem(path) {
  if (path.length === 0) return "is empty";
  if (/[\u0000-\u001f\u007f]/.test(path)) return "contains control characters";
  if (path.includes("\\")) return "uses a backslash; write repository paths with forward slashes";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.startsWith("~")) return "is absolute; write it relative to the repository root";
  if (/(?:^|\/)\.\.(?:\/|$)/.test(path)) return "contains `..`; paths must stay inside the repository";
  return void 0;
}
function normalizeRepoPath(path) {
  if (!/(?:^|\/)\.(?:\/|$)|\/\/|\/$/.test(path)) return path;
  return path.split("/").filter((segment) => segment !== "" && segment !== ".").join("/");
}

// src/core/validate/referenced-paths.ts
var RELEASE_FILE_FIELDS = [
  ["spec", "champion", "prompt"],
  ["spec", "challenger", "prompt"]
];
function referencedPaths(files, limits = YAML_LIMITS) {
  const found = /* @__PURE__ */ new Set();
  for (const [path, bytes] of files) {
    if (expectedKind(path) !== "Release") continue;
    const file = parseDocumentFile(bytes, limits);
    if (file.kind !== "parsed") continue;
    const { value } = file.yaml;
    for (const field of RELEASE_FILE_FIELDS) {
      const reference = valueAt(value, field);
      if (typeof reference !== "string" || findRepoPathProblem(reference) !== void 0) continue;
      const normalized = normalizeRepoPath(reference);
      if (normalized !== "" && !files.has(normalized)) found.add(normalized);
    }
  }
  return [...found].sort();
}

// src/adapters/scm/read-repository-at.ts
var YAML_FILE2 = /\.ya?ml$/;
var ROOT_FILES = ["glidepath.yaml", "glidepath.yml"];
function problemAt(file, rule, message, hint) {
  return { file, line: 1, col: 1, severity: "error", rule, message, ...hint ? { hint } : {} };
}
async function readRepositoryAt(scm, ref, limits = YAML_LIMITS) {
  const files = /* @__PURE__ */ new Map();
  const problems = [];
  let total = 0;
  let totalExceeded = false;
  const readAll = async (paths) => {
    if (paths.length === 0) return;
    const contents = await scm.readFiles(ref, paths);
    for (const path of paths) {
      const bytes = contents.get(path);
      if (bytes === void 0 || totalExceeded) continue;
      if (bytes.length > limits.maxFileBytes) {
        problems.push(problemAt(path, "file/too-large", `the file is ${formatBytes(bytes.length)}; Glidepath reads files of at most ${formatBytes(limits.maxFileBytes)}`, "Glidepath files are small; check that this is the file you meant"));
        continue;
      }
      if (total + bytes.length > limits.maxTotalBytes) {
        totalExceeded = true;
        problems.push(problemAt(path, "repository/too-large", totalTooLargeMessage(limits), "Glidepath files are small; remove files that are not Glidepath documents from policies/ and releases/"));
        continue;
      }
      total += bytes.length;
      files.set(path, bytes);
    }
  };
  const listed = [...new Set((await Promise.all([scm.listFiles(ref, "policies"), scm.listFiles(ref, "releases")])).flat())].filter((p) => YAML_FILE2.test(p) && (p.startsWith("policies/") || p.startsWith("releases/"))).sort();
  if (listed.length > limits.maxFiles) {
    problems.push(problemAt(listed[limits.maxFiles], "file/too-many", `the repository has more than ${limits.maxFiles} Glidepath files; only the first ${limits.maxFiles} are read`, "remove files that are no longer needed"));
    listed.length = limits.maxFiles;
  }
  await readAll([...ROOT_FILES, ...listed]);
  await readAll(referencedPaths(files, limits));
  return { files, problems };
}

// src/adapters/scm/local-git.ts
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/adapters/scm/git-object-reader.ts
import { spawn } from "node:child_process";
var GitObjectReader = class {
  constructor(git, repoDir, env) {
    this.git = git;
    this.repoDir = repoDir;
    this.env = env;
  }
  git;
  repoDir;
  env;
  child;
  /** Output not yet consumed, kept as the chunks it came in until an answer can be complete. */
  chunks = [];
  buffered = 0;
  /** Bytes the first owed answer needs before it can be parsed (0: its header is not in yet). */
  needed = 0;
  /** Names asked for in this tick, written to git together. */
  outgoing = [];
  queue = [];
  stderr = "";
  /** The object `name` names, or undefined when it is missing (or ambiguous). */
  read(name) {
    if (/[\n\0]/.test(name)) return Promise.reject(new Error(`git: object name ${JSON.stringify(name)} contains a newline`));
    const child = this.start();
    if (this.queue.length === 0) this.hold(child, true);
    return new Promise((resolve6, reject) => {
      this.queue.push({ resolve: resolve6, reject });
      if (this.outgoing.push(name) === 1) queueMicrotask(() => this.flush(child));
    });
  }
  /** Ends the process (it also ends by itself when Node exits). */
  close() {
    if (this.child) this.flush(this.child);
    this.child?.stdin.end();
    this.child = void 0;
  }
  flush(child) {
    if (this.child !== child || this.outgoing.length === 0) return;
    const names = this.outgoing;
    this.outgoing = [];
    child.stdin.write(`${names.join("\n")}
`);
  }
  start() {
    if (this.child) return this.child;
    const child = spawn(this.git, ["-C", this.repoDir, "cat-file", "--batch"], { env: this.env, windowsHide: true });
    this.child = child;
    this.chunks = [];
    this.buffered = 0;
    this.needed = 0;
    this.outgoing = [];
    this.stderr = "";
    child.stdout.on("data", (chunk) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered < this.needed) return;
      const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
      const rest = this.drain(buffer);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    });
    child.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-2e3);
    });
    const fail2 = (error) => {
      if (this.child === child) this.child = void 0;
      for (const pending of this.queue.splice(0)) pending.reject(error);
    };
    child.on("error", fail2);
    child.on("exit", (code2) => fail2(new Error(`git cat-file --batch exited (${code2 ?? "signal"}): ${this.stderr.trim() || "no message"}`)));
    child.stdin.on("error", () => {
    });
    this.hold(child, false);
    return child;
  }
  hold(child, alive) {
    const handles = [child, child.stdin, child.stdout, child.stderr];
    for (const handle of handles) (alive ? handle.ref : handle.unref)?.call(handle);
  }
  /** Answers the owed reads that `buffer` completes; returns what is left of it. */
  drain(input) {
    let buffer = input;
    this.needed = 0;
    for (; ; ) {
      const pending = this.queue[0];
      if (!pending) return buffer;
      const eol = buffer.indexOf(10);
      if (eol < 0) return buffer;
      const header = buffer.subarray(0, eol).toString("utf8");
      const match = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
      if (!match) {
        buffer = buffer.subarray(eol + 1);
        this.queue.shift();
        pending.resolve(void 0);
        if (this.queue.length === 0 && this.child) this.hold(this.child, false);
        continue;
      }
      const size = Number(match[3]);
      if (buffer.length < eol + 1 + size + 1) {
        this.needed = eol + 1 + size + 1;
        return buffer;
      }
      const content = Buffer.from(buffer.subarray(eol + 1, eol + 1 + size));
      buffer = buffer.subarray(eol + 1 + size + 1);
      this.queue.shift();
      pending.resolve({ oid: match[1], type: match[2], content });
      if (this.queue.length === 0 && this.child) this.hold(this.child, false);
    }
  }
};
function parseTree(content, oidBytes) {
  const entries = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(32, offset);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0) break;
    const mode = content.subarray(offset, space).toString("ascii");
    const name = content.subarray(space + 1, nul).toString("utf8");
    const oid = content.subarray(nul + 1, nul + 1 + oidBytes).toString("hex");
    entries.push({ mode, name, oid });
    offset = nul + 1 + oidBytes;
  }
  return entries;
}

// src/adapters/scm/local-git.ts
var DEFAULT_GIT_IDENTITY = { name: "Glidepath", email: "glidepath@users.noreply.github.com" };
var GitCommandError = class extends Error {
  constructor(args, exitCode, stderr) {
    super(`git ${args.join(" ")} failed (exit ${exitCode ?? "signal"}): ${stderr.trim() || "no message"}`);
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
  args;
  exitCode;
  stderr;
  name = "GitCommandError";
};
var ZERO_SHA = "0000000000000000000000000000000000000000";
var FULL_SHA = /^[0-9a-f]{40}$/;
var MAX_BUFFER = 512 * 1024 * 1024;
function createLocalGitScm(repoDir, opts = {}) {
  const git = opts.gitBinary ?? "git";
  let identity;
  function run2(args, extra = {}) {
    return new Promise((resolvePromise, reject) => {
      const child = execFile(
        git,
        ["-C", repoDir, ...args],
        {
          encoding: "buffer",
          maxBuffer: MAX_BUFFER,
          env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C", ...extra.env },
          windowsHide: true
        },
        (error, stdout, stderr) => {
          const code2 = error ? typeof error.code === "number" ? error.code : null : 0;
          if (error && code2 === null) {
            reject(new GitCommandError(args, null, `${error.message}
${String(stderr)}`));
            return;
          }
          resolvePromise({ code: code2 ?? 0, stdout, stderr: stderr.toString("utf8") });
        }
      );
      child.stdin?.on("error", () => {
      });
      child.stdin?.end(extra.input ?? "");
    });
  }
  async function ok(args, extra = {}) {
    const result = await run2(args, extra);
    if (result.code !== 0) throw new GitCommandError(args, result.code, result.stderr);
    return result.stdout;
  }
  function identityEnv() {
    identity ??= (async () => {
      const configured = opts.author ?? await configuredIdentity();
      const who = configured ?? DEFAULT_GIT_IDENTITY;
      return {
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_COMMITTER_NAME: who.name,
        GIT_COMMITTER_EMAIL: who.email
      };
    })();
    return identity;
  }
  async function configuredIdentity() {
    const [name, email] = await Promise.all([run2(["config", "--get", "user.name"]), run2(["config", "--get", "user.email"])]);
    const n = name.stdout.toString("utf8").trim();
    const e = email.stdout.toString("utf8").trim();
    return name.code === 0 && email.code === 0 && n && e ? { name: n, email: e } : void 0;
  }
  const reader = new GitObjectReader(git, repoDir, { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" });
  async function resolveCommit(ref) {
    checkRef(ref);
    const object = await reader.read(`${ref}^{commit}`);
    return object?.type === "commit" ? object.oid : void 0;
  }
  async function requireCommit(ref) {
    if (FULL_SHA.test(ref)) return ref;
    const sha = await resolveCommit(ref);
    if (!sha) throw new Error(`git: '${ref}' is not a branch, tag or commit in ${repoDir}`);
    return sha;
  }
  async function readBlobs(ref, paths) {
    const found = /* @__PURE__ */ new Map();
    if (paths.length === 0) return found;
    const commit = await requireCommit(ref);
    for (const path of paths) checkPath(path);
    const oidBytes = commit.length / 2;
    const folders = [...new Set(paths.map((path) => path.slice(0, Math.max(0, path.lastIndexOf("/")))))];
    const trees = await Promise.all(folders.map((dir) => reader.read(dir ? `${commit}:${dir}` : `${commit}^{tree}`)));
    const blobIds = /* @__PURE__ */ new Map();
    folders.forEach((dir, i) => {
      const tree = trees[i];
      if (tree?.type !== "tree") return;
      for (const entry of parseTree(tree.content, oidBytes)) {
        if (entry.mode !== "40000" && entry.mode !== "160000") blobIds.set(dir ? `${dir}/${entry.name}` : entry.name, entry.oid);
      }
    });
    const wanted = paths.filter((path) => blobIds.has(path));
    const blobs = await Promise.all(wanted.map((path) => readBlob(blobIds.get(path))));
    wanted.forEach((path, i) => {
      const blob = blobs[i];
      if (blob !== void 0) found.set(path, blob);
    });
    return found;
  }
  const blobCache = /* @__PURE__ */ new Map();
  let blobCacheBytes = 0;
  const BLOB_CACHE_BYTES = 32 * 1024 * 1024;
  function readBlob(oid) {
    const cached = blobCache.get(oid);
    if (cached) return cached;
    if (blobCacheBytes > BLOB_CACHE_BYTES) {
      blobCache.clear();
      blobCacheBytes = 0;
    }
    const read = reader.read(oid).then((object) => {
      if (object?.type !== "blob") return void 0;
      blobCacheBytes += object.content.length;
      return new Uint8Array(object.content.buffer, object.content.byteOffset, object.content.length);
    });
    read.catch(() => blobCache.delete(oid));
    blobCache.set(oid, read);
    return read;
  }
  async function walkTree(commit, dir) {
    const oidBytes = commit.length / 2;
    const top = await reader.read(dir ? `${commit}:${dir}` : `${commit}^{tree}`);
    if (!top) return [];
    if (top.type === "blob") return [dir];
    if (top.type !== "tree") return [];
    const files = [];
    let level = [{ prefix: dir ? `${dir}/` : "", content: top.content }];
    while (level.length > 0) {
      const subtrees = [];
      for (const { prefix, content } of level) {
        for (const entry of parseTree(content, oidBytes)) {
          if (entry.mode === "40000") subtrees.push({ prefix: `${prefix}${entry.name}/`, oid: entry.oid });
          else if (entry.mode !== "160000") files.push(`${prefix}${entry.name}`);
        }
      }
      const read = await Promise.all(subtrees.map((t) => reader.read(t.oid)));
      level = subtrees.flatMap((t, i) => read[i]?.type === "tree" ? [{ prefix: t.prefix, content: read[i].content }] : []);
    }
    return files.sort();
  }
  async function buildCommit(parent, files, message) {
    const dir = await mkdtemp(join(tmpdir(), "glidepath-index-"));
    try {
      const env = { GIT_INDEX_FILE: join(dir, "index") };
      await ok(parent ? ["read-tree", parent] : ["read-tree", "--empty"], { env });
      const records = [];
      for (const file of files) {
        checkPath(file.path);
        if (file.content === null) {
          records.push(`0 ${ZERO_SHA}	${file.path}\0`);
        } else {
          const blob = (await ok(["hash-object", "-w", "--no-filters", "--stdin"], { input: file.content })).toString("utf8").trim();
          records.push(`100644 ${blob}	${file.path}\0`);
        }
      }
      if (records.length > 0) await ok(["update-index", "-z", "--index-info"], { input: records.join(""), env });
      const tree = (await ok(["write-tree"], { env })).toString("utf8").trim();
      const parents = parent ? ["-p", parent] : [];
      return (await ok(["commit-tree", tree, ...parents, "-F", "-"], { input: message, env: await identityEnv() })).toString("utf8").trim();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  async function swapRef(branch, next, expected, message) {
    const ref = `refs/heads/${branch}`;
    const result = await run2(["update-ref", "-m", message.split("\n")[0] ?? "glidepath", ref, next, expected ?? ZERO_SHA]);
    if (result.code === 0) return true;
    const actual = await resolveCommit(ref) ?? null;
    if (actual !== expected) return false;
    if (/\.lock': File exists|Unable to create .*\.lock/i.test(result.stderr)) return false;
    throw new GitCommandError(["update-ref", ref], result.code, result.stderr);
  }
  const validBranches = /* @__PURE__ */ new Set();
  async function checkBranch(branch) {
    if (validBranches.has(branch)) return;
    const result = await run2(["check-ref-format", `refs/heads/${branch}`]);
    if (result.code !== 0 || branch.startsWith("-")) throw new Error(`git: '${branch}' is not a valid branch name`);
    validBranches.add(branch);
  }
  return {
    async readFile(ref, path) {
      const blobs = await readBlobs(ref, [path]);
      const blob = blobs.get(path);
      return blob === void 0 ? void 0 : Buffer.from(blob).toString("utf8");
    },
    readFiles: readBlobs,
    async listFiles(ref, dir) {
      const commit = await requireCommit(ref);
      const prefix = dir.replace(/\/+$/, "");
      if (prefix) checkPath(prefix);
      return walkTree(commit, prefix);
    },
    async changedFiles(base, head) {
      const [b, h] = await Promise.all([requireCommit(base), requireCommit(head)]);
      const out = await ok(["diff", "--name-only", "--no-renames", "-z", `${b}...${h}`, "--"]);
      return splitNul(out);
    },
    async resolveRef(ref) {
      return resolveCommit(ref);
    },
    async commitFiles(request) {
      await checkBranch(request.branch);
      const ref = `refs/heads/${request.branch}`;
      const current = await resolveCommit(ref) ?? null;
      if (current !== request.expectedHead) return { status: "conflict", actualHead: current };
      const sha = await buildCommit(request.expectedHead, request.files, request.message);
      if (await swapRef(request.branch, sha, request.expectedHead, request.message)) return { status: "committed", sha };
      return { status: "conflict", actualHead: await resolveCommit(ref) ?? null };
    },
    async openChangeRequest(request) {
      await checkBranch(request.branch);
      const url = `git branch ${request.branch} in ${repoDir}`;
      if (await resolveCommit(`refs/heads/${request.branch}`)) return { branch: request.branch, url, created: false };
      const base = await requireCommit(request.base);
      const sha = await buildCommit(base, request.files, `${request.title}

${request.body}
`);
      const created = await swapRef(request.branch, sha, null, request.title);
      return { branch: request.branch, url, created };
    }
  };
}
function splitNul(out) {
  return out.toString("utf8").split("\0").filter((p) => p.length > 0);
}
function checkRef(ref) {
  if (!ref || ref.startsWith("-") || /[\0\n]/.test(ref)) throw new Error(`git: '${ref}' is not a valid ref`);
}
function checkPath(path) {
  if (!path || /[\0\n]/.test(path) || path.startsWith("/")) throw new Error(`git: '${path}' is not a repository-relative path`);
}
async function currentBranch(repoDir, gitBinary = "git") {
  return new Promise((resolvePromise) => {
    execFile(gitBinary, ["-C", repoDir, "symbolic-ref", "--quiet", "--short", "HEAD"], { env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } }, (error, stdout) => {
      resolvePromise(error ? void 0 : String(stdout).trim() || void 0);
    });
  });
}
async function isGitRepository(dir, gitBinary = "git") {
  return new Promise((resolvePromise) => {
    execFile(gitBinary, ["-C", dir, "rev-parse", "--git-dir"], { env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } }, (error) => resolvePromise(!error));
  });
}

// src/core/model/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
var WHOLE = /^(?:[0-9]+(?:\.[0-9]+)?(?:ms|s|m|h|d))+$/;
var PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)/g;
function parseDuration(text) {
  if (typeof text !== "string" || text.length > 64 || !WHOLE.test(text)) return void 0;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
  }
  const ms = Math.round(total);
  return Number.isSafeInteger(ms) ? ms : void 0;
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return `${ms}ms`;
  let rest = Math.round(ms);
  if (rest === 0) return "0s";
  let out = "";
  for (const unit of ["d", "h", "m", "s", "ms"]) {
    const size = UNIT_MS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

// src/core/plan/blast-radius.ts
function computeBlastRadius(stages, requestsPerHour, trafficSource) {
  const fullIndex = stages.findIndex((s) => s.share >= 100);
  const beforeFull = fullIndex < 0 ? stages : stages.slice(0, fullIndex);
  let exposed = 0;
  let complete = requestsPerHour !== void 0;
  let hours = 0;
  let hoursKnown = true;
  for (const stage of beforeFull) {
    if (stage.minimumHours === void 0) hoursKnown = false;
    else hours += stage.minimumHours;
    if (stage.mode === "shadow") continue;
    if (stage.servedRequests === void 0 || stage.mode === "ring") complete = false;
    exposed += stage.servedRequests ?? 0;
  }
  const tenants = [];
  const attributes = [];
  for (const stage of stages) {
    if (!stage.segment) continue;
    if (!attributes.includes(stage.segment.attribute)) attributes.push(stage.segment.attribute);
    for (const value of stage.segment.values) if (!tenants.includes(value)) tenants.push(value);
  }
  const last = fullIndex >= 0 ? stages[fullIndex] : void 0;
  const watchMs = last?.watch !== void 0 ? parseDuration(last.watch) : void 0;
  return {
    ...requestsPerHour !== void 0 ? { requestsPerHour } : {},
    trafficSource,
    peakShare: Math.max(0, ...stages.map((s) => s.share)),
    peakShareBeforeFull: Math.max(0, ...beforeFull.map((s) => s.share)),
    ...requestsPerHour !== void 0 ? { exposedBeforeFull: exposed } : {},
    exposureComplete: complete,
    ...fullIndex >= 0 && hoursKnown ? { hoursToFull: hours } : {},
    ...watchMs !== void 0 ? { watchHours: watchMs / 36e5 } : {},
    tenants,
    ringAttributes: attributes
  };
}

// src/core/plan/deep-equal.ts
function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ra = a;
  const rb = b;
  const ka = Object.keys(ra).filter((k) => ra[k] !== void 0);
  const kb = Object.keys(rb).filter((k) => rb[k] !== void 0);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]));
}

// src/core/plan/line-diff.ts
function splitLines(text) {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function diffLineStat(before, after) {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return { added: m, removed: n };
  const lines = internLines(a.slice(start, endA), b.slice(start, endB));
  const distance = lines.shared ? editDistance2(lines.a, lines.b) : n + m;
  return { added: (distance + m - n) / 2, removed: (distance - m + n) / 2 };
}
function createLineStatMemo() {
  const byBefore = /* @__PURE__ */ new Map();
  return (before, after) => {
    let byAfter = byBefore.get(before);
    if (!byAfter) {
      byAfter = /* @__PURE__ */ new Map();
      byBefore.set(before, byAfter);
    }
    let stat2 = byAfter.get(after);
    if (!stat2) {
      stat2 = diffLineStat(before, after);
      byAfter.set(after, stat2);
    }
    return { added: stat2.added, removed: stat2.removed };
  };
}
function internLines(a, b) {
  const ids = /* @__PURE__ */ new Map();
  const intern = (lines) => {
    const out = new Int32Array(lines.length);
    lines.forEach((line2, i) => {
      let id = ids.get(line2);
      if (id === void 0) {
        id = ids.size;
        ids.set(line2, id);
      }
      out[i] = id;
    });
    return out;
  };
  const ia = intern(a);
  const distinctInA = ids.size;
  const ib = intern(b);
  return { a: ia, b: ib, shared: ib.some((id) => id < distinctInA) };
}
function editDistance2(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  for (let d = 0; d <= max; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || k !== d && v[offset + k - 1] < v[offset + k + 1];
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return max;
}

// src/core/plan/bundle-diff.ts
function diffBundles(champion, challenger, files, lineStat = diffLineStat) {
  return {
    model: { champion: champion.model, challenger: challenger.model, changed: champion.model !== challenger.model },
    prompt: diffPrompts(champion.prompt, challenger.prompt, files, lineStat),
    parameters: diffParameters({ ...champion.parameters }, { ...challenger.parameters }),
    tools: {
      added: (challenger.tools ?? []).filter((t) => !(champion.tools ?? []).includes(t)),
      removed: (champion.tools ?? []).filter((t) => !(challenger.tools ?? []).includes(t))
    }
  };
}
function diffPrompts(champion, challenger, files, lineStat) {
  const missing = [champion, challenger].filter((p) => p !== void 0 && !files.has(p));
  const textOf = (path) => path === void 0 ? "" : files.get(path);
  const before = textOf(champion);
  const after = textOf(challenger);
  const base = { ...champion !== void 0 ? { champion } : {}, ...challenger !== void 0 ? { challenger } : {}, missing: [...new Set(missing)] };
  if (before === void 0 || after === void 0) return base;
  if (champion === challenger) return { ...base, stat: { added: 0, removed: 0 } };
  return { ...base, stat: lineStat(before, after) };
}
function diffParameters(champion, challenger) {
  const names = [.../* @__PURE__ */ new Set([...Object.keys(champion), ...Object.keys(challenger)])].sort();
  return names.filter((name) => !deepEqual(champion[name], challenger[name])).map((name) => ({ name, champion: champion[name], challenger: challenger[name] }));
}
function formatLineStat(stat2) {
  if (stat2.added === 0 && stat2.removed === 0) return "no line changes";
  return `+${stat2.added} \u2212${stat2.removed} lines`;
}

// src/core/plan/changed-releases.ts
var CONFIG_FILE = "glidepath.yaml";
var RELEASE_FIELDS = ["policy", "target", "traffic", "champion", "challenger", "risk", "owner"];
function findChangedReleases(base, head, changedPaths2) {
  const touched = changedPaths2 ? new Set(changedPaths2) : void 0;
  const counts = (reason) => !touched || reason.paths.some((p) => touched.has(p));
  const names = [.../* @__PURE__ */ new Set([...base.releases.keys(), ...head.releases.keys()])].sort();
  const changes = [];
  const memo = { policies: /* @__PURE__ */ new Map(), providers: /* @__PURE__ */ new Map() };
  for (const name of names) {
    const before = base.releases.get(name);
    const after = head.releases.get(name);
    let kind;
    let reasons;
    if (!before && after) {
      kind = "added";
      reasons = [{ text: "new release", paths: [after.file] }];
    } else if (before && !after) {
      kind = "removed";
      reasons = [{ text: "release removed", paths: [before.file] }];
    } else {
      kind = "modified";
      reasons = modificationReasons(base, head, before, after, memo);
    }
    const kept = reasons.filter(counts);
    if (kept.length === 0) continue;
    changes.push({ name, kind, reasons: kept.map((r) => r.text), ...before ? { base: before } : {}, ...after ? { head: after } : {} });
  }
  return changes;
}
function remember(cache2, key2, compute) {
  if (cache2.has(key2)) return cache2.get(key2);
  const value = compute();
  cache2.set(key2, value);
  return value;
}
function modificationReasons(base, head, before, after, memo) {
  const reasons = [];
  const releasePaths = [.../* @__PURE__ */ new Set([before.file, after.file])];
  const b = before.value.spec;
  const a = after.value.spec;
  if (b.policy !== a.policy) reasons.push({ text: `switches policy \`${b.policy}\` \u2192 \`${a.policy}\``, paths: releasePaths });
  const fields = RELEASE_FIELDS.filter((f) => f !== "policy" && !deepEqual(b[f], a[f]));
  if (!deepEqual(before.value.metadata, after.value.metadata)) fields.push("metadata");
  if (fields.length > 0) reasons.push({ text: `release changed: ${fields.join(", ")}`, paths: releasePaths });
  if (b.policy === a.policy) {
    const policyBefore = base.policies.get(b.policy);
    const policyAfter = head.policies.get(a.policy);
    if (policyBefore && policyAfter && remember(memo.policies, a.policy, () => !deepEqual(policyBefore.value, policyAfter.value))) {
      reasons.push({ text: `policy \`${a.policy}\` changed`, paths: [.../* @__PURE__ */ new Set([policyBefore.file, policyAfter.file])] });
    }
  }
  for (const role of ["champion", "challenger"]) {
    const path = a[role].prompt;
    if (path === void 0 || path !== b[role].prompt) continue;
    if (base.files.get(path) !== head.files.get(path)) reasons.push({ text: `${role} prompt \`${path}\` changed`, paths: [path] });
  }
  if (base.config && head.config) {
    const cb = base.config.value.spec;
    const ca = head.config.value.spec;
    if (!a.traffic && (memo.defaultTraffic ??= !deepEqual(cb.traffic, ca.traffic))) reasons.push({ text: "default traffic changed", paths: [CONFIG_FILE] });
    const provider = (c) => c.providers.find((p) => p.name === a.target.provider);
    if (b.target.provider === a.target.provider && remember(memo.providers, a.target.provider, () => !deepEqual(provider(cb), provider(ca)))) {
      reasons.push({ text: `provider \`${a.target.provider}\` changed`, paths: [CONFIG_FILE] });
    }
  }
  return reasons;
}
function findChangedPolicies(base, head, changedPaths2) {
  const touched = changedPaths2 ? new Set(changedPaths2) : void 0;
  const names = [.../* @__PURE__ */ new Set([...base.policies.keys(), ...head.policies.keys()])].sort();
  const changes = [];
  for (const name of names) {
    const before = base.policies.get(name);
    const after = head.policies.get(name);
    if (before && after && deepEqual(before.value, after.value)) continue;
    const files = [before?.file, after?.file].filter((f) => f !== void 0);
    if (touched && !files.some((f) => touched.has(f))) continue;
    const usedBy = [...head.releases.values()].filter((r) => r.value.spec.policy === name).map((r) => r.value.metadata.name).sort();
    changes.push({
      name,
      kind: !before ? "added" : !after ? "removed" : "modified",
      ...before ? { base: before } : {},
      ...after ? { head: after } : {},
      usedBy
    });
  }
  return changes;
}

// src/core/plan/describe-policy.ts
var DAY_ORDER = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
function quantileLabel(q) {
  if (q === void 0) return "";
  return ` p${Number((q * 100).toPrecision(6))}`;
}
function withUnit(value, metric) {
  return metric?.unit ? `${value} ${metric.unit}` : String(value);
}
function describeGate(gate, metric) {
  const subject = `${gate.metric}${quantileLabel(gate.quantile)}`;
  const parts = [];
  if (gate.maxIncrease !== void 0) parts.push(`may worsen by at most ${gate.maxIncrease} vs control`);
  if (gate.nonInferiority !== void 0) parts.push(`must be shown no worse than control by more than ${gate.nonInferiority}`);
  if (gate.max !== void 0) parts.push(`at most ${withUnit(gate.max, metric)}`);
  if (gate.min !== void 0) parts.push(`at least ${withUnit(gate.min, metric)}`);
  if (parts.length === 0) parts.push(`compared with ${gate.versus ?? "control"}`);
  const notes = [gate.test];
  if (gate.critical) notes.push("critical");
  if (gate.segmentBy) notes.push(`per ${gate.segmentBy}`);
  return `${subject} ${parts.join("; ")} (${notes.join(", ")})`;
}
function describeRollback(criterion, metric) {
  const subject = `${criterion.metric}${quantileLabel(criterion.quantile)}`;
  const parts = [];
  if (criterion.above !== void 0) parts.push(`above ${withUnit(criterion.above, metric)}`);
  if (criterion.below !== void 0) parts.push(`below ${withUnit(criterion.below, metric)}`);
  if (criterion.increase !== void 0) parts.push(`rises more than ${criterion.increase} over control`);
  if (criterion.drop !== void 0) parts.push(`drops more than ${criterion.drop} below control`);
  return `${subject} ${parts.join(" or ")}`;
}
function describeWindow(window) {
  if (!window) return "any time";
  const days = window.days ? describeDays(window.days) : "every day";
  const hours = window.hours ? window.hours.replace("-", "\u2013") : "all day";
  return `${days} ${hours} ${window.timezone}`;
}
function describeDays(days) {
  const indices = [...new Set(days)].map((d) => DAY_ORDER.indexOf(d)).filter((i2) => i2 >= 0).sort((a, b) => a - b);
  if (indices.length === 7) return "every day";
  const runs = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j += 1;
    const first = DAY_ORDER[indices[i]];
    const last = DAY_ORDER[indices[j]];
    runs.push(j - i >= 2 ? `${first}\u2013${last}` : j === i ? first : `${first}, ${last}`);
    i = j + 1;
  }
  return runs.join(", ");
}

// src/core/model/margin.ts
var TEXT = /^([0-9]+(?:\.[0-9]+)?)(pp|%)$/;
function parseMargin(m) {
  if (typeof m === "number") {
    return Number.isFinite(m) && m >= 0 ? { kind: "absolute", value: m } : void 0;
  }
  if (typeof m !== "string") return void 0;
  const match = TEXT.exec(m.trim());
  if (!match) return void 0;
  const amount = Number(match[1]) / 100;
  if (!Number.isFinite(amount)) return void 0;
  return { kind: match[2] === "pp" ? "points" : "relative", value: amount };
}
function formatMargin(margin) {
  const percent2 = Number((margin.value * 100).toPrecision(12));
  switch (margin.kind) {
    case "points":
      return `${percent2}pp`;
    case "relative":
      return `${percent2}%`;
    case "absolute":
      return String(margin.value);
  }
}

// src/core/plan/format-values.ts
function formatCount(n) {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? "-" : "";
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function formatPercent(share) {
  return `${Number(share.toPrecision(6))}%`;
}
function formatHours(hours) {
  if (!Number.isFinite(hours)) return "\u221E";
  const minutes2 = Math.ceil(hours * 60);
  if (minutes2 < 60) return `${minutes2}m`;
  if (hours < 24) {
    const h = Math.floor(minutes2 / 60);
    const m = minutes2 % 60;
    return m === 0 ? `${h}h` : `${h}h ${m}m`;
  }
  if (hours <= 24 * 7) {
    const totalHours = Math.ceil(hours);
    const d = Math.floor(totalHours / 24);
    const h = totalHours % 24;
    return h === 0 ? `${d}d` : `${d}d ${h}h`;
  }
  return `~${Number((hours / 24).toFixed(1))}d`;
}

// src/core/plan/policy-diff.ts
function formatFinding(finding) {
  return `${finding.subject}: ${finding.before} \u2192 ${finding.after}`;
}
var NONE = "(none)";
var DEFAULT_ALPHA = 0.05;
var DEFAULT_SRM_ALPHA = 1e-3;
var FAILURE_STRENGTH = { rollback: 3, freeze: 2, pause: 1 };
var NO_DATA_STRENGTH = { rollback: 2, hold: 1 };
var INCONCLUSIVE_STRENGTH = { rollback: 2, hold: 1, extend: 1 };
function diffPolicies(before, after) {
  const findings = [];
  const b = before.spec;
  const a = after.spec;
  diffStrategy(b, a, findings);
  diffStages(b, a, findings);
  diffGates(b, a, findings);
  diffRollback(b, a, findings);
  diffHandling(b, a, findings);
  diffAnalysis(b, a, findings);
  diffWindow(b.window, a.window, findings);
  diffFreezes(b, a, findings);
  diffApprovers(b, a, findings);
  return findings;
}
function push(findings, severity, subject, before, after, path) {
  findings.push({ severity, subject, before, after, path });
}
var hasShadow = (spec) => spec.stages.some((s) => s.mode === "shadow");
function diffStrategy(b, a, findings) {
  if (hasShadow(b) && !hasShadow(a)) {
    const shadow = b.stages.filter((s) => s.mode === "shadow").map(describeStage).join(", ");
    push(findings, "weakening", "shadow period removed", shadow, NONE, ["spec", "stages"]);
  }
  if (b.strategy !== a.strategy) push(findings, "change", "strategy changed", b.strategy, a.strategy, ["spec", "strategy"]);
}
function servedWeight(stage) {
  return stage.mode === "shadow" ? 0 : stage.weight ?? 0;
}
function describeStage(stage) {
  const parts = [stage.mode === "shadow" ? `\`${stage.name}\` (shadow)` : `\`${stage.name}\` (${stage.weight ?? 0}%)`];
  if (stage.minDuration) parts.push(stage.minDuration);
  if (stage.gates?.length) parts.push(`gates ${stage.gates.join(", ")}`);
  return parts.join(" ");
}
function matchStages(before, after) {
  const pairs = [];
  const usedAfter = /* @__PURE__ */ new Set();
  const unmatched = [];
  before.forEach((stage, i) => {
    const j = after.findIndex((s, k) => !usedAfter.has(k) && s.name === stage.name);
    if (j >= 0) {
      pairs.push([i, j]);
      usedAfter.add(j);
    } else unmatched.push(i);
  });
  const removed = [];
  for (const i of unmatched) {
    const stage = before[i];
    const j = after.findIndex((s, k) => !usedAfter.has(k) && (s.mode ?? "traffic") === (stage.mode ?? "traffic") && servedWeight(s) === servedWeight(stage));
    if (j >= 0) {
      pairs.push([i, j]);
      usedAfter.add(j);
    } else removed.push(i);
  }
  const added = after.map((_, k) => k).filter((k) => !usedAfter.has(k));
  pairs.sort((x, y) => x[0] - y[0]);
  return { pairs, removed, added };
}
function diffStages(b, a, findings) {
  const match = matchStages(b.stages, a.stages);
  const shadowGone = hasShadow(b) && !hasShadow(a);
  for (const i of match.removed) {
    const stage = b.stages[i];
    if (shadowGone && stage.mode === "shadow") continue;
    push(findings, "weakening", `stage \`${stage.name}\` removed`, describeStage(stage), NONE, ["spec", "stages"]);
  }
  for (const j of match.added) {
    const stage = a.stages[j];
    push(findings, "tightening", `stage \`${stage.name}\` added`, NONE, describeStage(stage), ["spec", "stages", j]);
  }
  for (const [i, j] of match.pairs) diffStage(b.stages[i], a.stages[j], j, a, b, findings);
}
function diffStage(before, after, index, a, b, findings) {
  const at = (field) => ["spec", "stages", index, field];
  const name = `stage \`${after.name}\``;
  if (before.name !== after.name) push(findings, "change", `stage \`${before.name}\` renamed`, before.name, after.name, at("name"));
  if (before.mode === "shadow" && after.mode !== "shadow") {
    push(findings, "weakening", `${name} now serves users instead of mirroring`, "shadow", `${after.weight ?? 0}%`, at("mode"));
  } else if (before.mode !== "shadow" && after.mode === "shadow") {
    push(findings, "tightening", `${name} now mirrors instead of serving users`, `${before.weight ?? 0}%`, "shadow", at("mode"));
  } else if (after.mode !== "shadow") {
    const wb = before.weight ?? 0;
    const wa = after.weight ?? 0;
    if (wa > wb && wa < 100) push(findings, "weakening", `${name} exposes more users`, `${wb}%`, `${wa}%`, at("weight"));
    else if (wa !== wb) push(findings, wa < wb ? "tightening" : "change", `${name} weight changed`, `${wb}%`, `${wa}%`, at("weight"));
  }
  compareDurations(findings, `${name} bakes for less time`, `${name} bakes longer`, before.minDuration, after.minDuration, at("minDuration"));
  compareDurations(findings, `${name} watch shortened`, `${name} watch lengthened`, before.watch, after.watch, at("watch"));
  if (before.maxDuration !== after.maxDuration) push(findings, "change", `${name} maxDuration changed`, before.maxDuration ?? NONE, after.maxDuration ?? NONE, at("maxDuration"));
  const sb = before.minSamples ?? 0;
  const sa = after.minSamples ?? 0;
  if (sa < sb) push(findings, "weakening", `${name} needs fewer samples`, formatCount(sb), sa === 0 ? NONE : formatCount(sa), at("minSamples"));
  else if (sa > sb) push(findings, "tightening", `${name} needs more samples`, sb === 0 ? NONE : formatCount(sb), formatCount(sa), at("minSamples"));
  const ab = before.approval === "required";
  const aa = after.approval === "required";
  if (ab && !aa) push(findings, "weakening", `${name} approval dropped`, "required", "none", at("approval"));
  else if (!ab && aa) push(findings, "tightening", `${name} approval added`, "none", "required", at("approval"));
  diffStageGates(before, after, index, a, b, findings);
  diffSegment(before, after, index, findings);
}
function compareDurations(findings, shorter, longer, before, after, path) {
  const mb = before === void 0 ? 0 : parseDuration(before);
  const ma = after === void 0 ? 0 : parseDuration(after);
  if (mb === void 0 || ma === void 0 || mb === ma) return;
  push(findings, ma < mb ? "weakening" : "tightening", ma < mb ? shorter : longer, before ?? NONE, after ?? NONE, path);
}
function diffStageGates(before, after, index, a, b, findings) {
  const gb = before.gates ?? [];
  const ga = after.gates ?? [];
  const removed = gb.filter((g) => !ga.includes(g));
  const added = ga.filter((g) => !gb.includes(g));
  const path = ["spec", "stages", index, "gates"];
  for (const gate of removed) {
    const definition = b.gates?.[gate];
    const renamed = definition && added.find((g) => deepEqual(a.gates?.[g], definition));
    if (renamed) {
      added.splice(added.indexOf(renamed), 1);
      push(findings, "change", `gate \`${gate}\` renamed in stage \`${after.name}\``, gate, renamed, path);
    } else {
      push(findings, "weakening", `stage \`${after.name}\` no longer checks gate \`${gate}\``, gb.join(", "), ga.length ? ga.join(", ") : NONE, path);
    }
  }
  for (const gate of added) push(findings, "tightening", `stage \`${after.name}\` also checks gate \`${gate}\``, gb.length ? gb.join(", ") : NONE, ga.join(", "), path);
}
function diffSegment(before, after, index, findings) {
  if (deepEqual(before.segment, after.segment)) return;
  const show2 = (s) => s ? `${s.attribute} in ${s.values.join(", ")}` : NONE;
  const widened = after.segment !== void 0 && (before.segment === void 0 || before.segment.attribute !== after.segment.attribute || after.segment.values.some((v) => !before.segment?.values.includes(v)));
  push(findings, widened ? "weakening" : "change", widened ? `stage \`${after.name}\` ring reaches more` : `stage \`${after.name}\` ring changed`, show2(before.segment), show2(after.segment), ["spec", "stages", index, "segment"]);
}
function gatesInUse(spec) {
  return new Set(spec.stages.flatMap((s) => s.gates ?? []));
}
function diffGates(b, a, findings) {
  const usedAfter = gatesInUse(a);
  for (const name of gatesInUse(b)) {
    const before = b.gates?.[name];
    const after = a.gates?.[name];
    if (!before || !after || !usedAfter.has(name) || deepEqual(before, after)) continue;
    diffGate(name, before, after, findings);
  }
}
function diffGate(name, before, after, findings) {
  const at = (field) => ["spec", "gates", name, field];
  const gate = `gate \`${name}\``;
  if (before.metric !== after.metric) push(findings, "change", `${gate} judges another metric`, before.metric, after.metric, at("metric"));
  if (before.test !== after.test) push(findings, "change", `${gate} test changed`, before.test, after.test, at("test"));
  if ((before.versus ?? "") !== (after.versus ?? "")) push(findings, "change", `${gate} comparison changed`, before.versus ?? "default", after.versus ?? "default", at("versus"));
  compareMargins(findings, gate, "maxIncrease", before.maxIncrease, after.maxIncrease, at("maxIncrease"));
  compareMargins(findings, gate, "nonInferiority", before.nonInferiority, after.nonInferiority, at("nonInferiority"));
  compareBound(findings, gate, "max", before.max, after.max, (x, y) => y > x, at("max"));
  compareBound(findings, gate, "min", before.min, after.min, (x, y) => y < x, at("min"));
  if (before.quantile !== after.quantile && before.quantile !== void 0 && after.quantile !== void 0) {
    const looser = after.max !== void 0 ? after.quantile < before.quantile : after.min !== void 0 ? after.quantile > before.quantile : false;
    push(findings, looser ? "weakening" : "change", looser ? `${gate} quantile loosened` : `${gate} quantile changed`, String(before.quantile), String(after.quantile), at("quantile"));
  }
  if (before.critical === true && after.critical !== true) push(findings, "weakening", `${gate} no longer critical`, "true", String(after.critical ?? false), at("critical"));
  else if (before.critical !== true && after.critical === true) push(findings, "tightening", `${gate} now critical`, String(before.critical ?? false), "true", at("critical"));
  if (before.segmentBy && before.segmentBy !== after.segmentBy) push(findings, after.segmentBy ? "change" : "weakening", after.segmentBy ? `${gate} segmentBy changed` : `${gate} no longer judges each segment`, before.segmentBy, after.segmentBy ?? NONE, at("segmentBy"));
}
function marginText(m) {
  const parsed = parseMargin(m);
  return parsed ? formatMargin(parsed) : String(m);
}
function compareMargins(findings, gate, field, before, after, path) {
  if (before === void 0 && after === void 0) return;
  if (before === void 0) {
    push(findings, "tightening", `${gate} adds ${field}`, NONE, marginText(after), path);
    return;
  }
  if (after === void 0) {
    push(findings, "weakening", `${gate} drops ${field}`, marginText(before), NONE, path);
    return;
  }
  const mb = parseMargin(before);
  const ma = parseMargin(after);
  if (!mb || !ma || mb.kind === ma.kind && mb.value === ma.value) return;
  if (mb.kind !== ma.kind) {
    push(findings, "change", `${gate} ${field} changed units (cannot tell whether it is looser)`, formatMargin(mb), formatMargin(ma), path);
    return;
  }
  const looser = ma.value > mb.value;
  push(findings, looser ? "weakening" : "tightening", `${gate} ${field} ${looser ? "loosened" : "tightened"}`, formatMargin(mb), formatMargin(ma), path);
}
function compareBound(findings, gate, field, before, after, looser, path) {
  if (before === after) return;
  if (before === void 0) {
    push(findings, "tightening", `${gate} adds bound ${field}`, NONE, String(after), path);
  } else if (after === void 0) {
    push(findings, "weakening", `${gate} drops bound ${field}`, String(before), NONE, path);
  } else {
    const isLooser = looser(before, after);
    push(findings, isLooser ? "weakening" : "tightening", `${gate} ${field} ${isLooser ? "loosened" : "tightened"}`, String(before), String(after), path);
  }
}
var THRESHOLD_KINDS = ["above", "below", "increase", "drop"];
function thresholdKind(c) {
  return THRESHOLD_KINDS.find((k) => c[k] !== void 0);
}
function rollbackKey(c) {
  return `${c.metric}\0${c.quantile ?? ""}\0${thresholdKind(c) ?? ""}`;
}
function diffRollback(b, a, findings) {
  const unmatchedAfter = a.rollback.map((_, j) => j);
  b.rollback.forEach((criterion) => {
    const key2 = rollbackKey(criterion);
    const position = unmatchedAfter.findIndex((j2) => rollbackKey(a.rollback[j2]) === key2);
    if (position < 0) {
      push(findings, "weakening", "rollback criterion removed", describeRollback(criterion), NONE, ["spec", "rollback"]);
      return;
    }
    const j = unmatchedAfter[position];
    unmatchedAfter.splice(position, 1);
    compareThreshold(criterion, a.rollback[j], j, findings);
  });
  for (const j of unmatchedAfter) push(findings, "tightening", "rollback criterion added", NONE, describeRollback(a.rollback[j]), ["spec", "rollback", j]);
}
function compareThreshold(before, after, index, findings) {
  const kind = thresholdKind(before);
  if (!kind) return;
  const vb = before[kind];
  const va = after[kind];
  const subject = `rollback on ${before.metric}${before.quantile !== void 0 ? ` p${Number((before.quantile * 100).toPrecision(6))}` : ""} ${kind}`;
  const path = ["spec", "rollback", index, kind];
  if (kind === "above" || kind === "below") {
    const nb = vb;
    const na = va;
    if (nb === na) return;
    const looser2 = kind === "above" ? na > nb : na < nb;
    push(findings, looser2 ? "weakening" : "tightening", `${subject} ${looser2 ? "loosened" : "tightened"}`, String(nb), String(na), path);
    return;
  }
  const mb = parseMargin(vb);
  const ma = parseMargin(va);
  if (!mb || !ma || mb.kind === ma.kind && mb.value === ma.value) return;
  if (mb.kind !== ma.kind) {
    push(findings, "change", `${subject} changed units (cannot tell whether it is looser)`, formatMargin(mb), formatMargin(ma), path);
    return;
  }
  const looser = ma.value > mb.value;
  push(findings, looser ? "weakening" : "tightening", `${subject} ${looser ? "loosened" : "tightened"}`, formatMargin(mb), formatMargin(ma), path);
}
function compareStrength(findings, field, strength, before, after) {
  if (before === after) return;
  const sb = strength[before] ?? 0;
  const sa = strength[after] ?? 0;
  const severity = sa < sb ? "weakening" : sa > sb ? "tightening" : "change";
  const verb = severity === "weakening" ? "weaker" : severity === "tightening" ? "stricter" : "changed";
  push(findings, severity, `${field} ${verb}`, before, after, ["spec", field]);
}
function diffHandling(b, a, findings) {
  compareStrength(findings, "onFailure", FAILURE_STRENGTH, b.onFailure ?? "rollback", a.onFailure ?? "rollback");
  compareStrength(findings, "onNoData", NO_DATA_STRENGTH, b.onNoData ?? "hold", a.onNoData ?? "hold");
  compareStrength(findings, "onInconclusive", INCONCLUSIVE_STRENGTH, b.onInconclusive ?? "hold", a.onInconclusive ?? "hold");
}
function diffAnalysis(b, a, findings) {
  const alphaB = b.analysis?.alpha ?? DEFAULT_ALPHA;
  const alphaA = a.analysis?.alpha ?? DEFAULT_ALPHA;
  if (alphaA !== alphaB) {
    push(findings, alphaA > alphaB ? "weakening" : "tightening", `analysis.alpha ${alphaA > alphaB ? "raised (more false passes)" : "lowered"}`, String(alphaB), String(alphaA), ["spec", "analysis", "alpha"]);
  }
  const srmB = b.analysis?.srmAlpha ?? DEFAULT_SRM_ALPHA;
  const srmA = a.analysis?.srmAlpha ?? DEFAULT_SRM_ALPHA;
  if (srmA !== srmB) {
    push(findings, srmA < srmB ? "weakening" : "change", `analysis.srmAlpha ${srmA < srmB ? "lowered (a broken split is caught later)" : "raised"}`, String(srmB), String(srmA), ["spec", "analysis", "srmAlpha"]);
  }
  const powerB = b.analysis?.power;
  const powerA = a.analysis?.power;
  if (powerA !== powerB) push(findings, "change", "analysis.power changed (duration estimates)", String(powerB ?? "default"), String(powerA ?? "default"), ["spec", "analysis", "power"]);
}
function windowMinutes(hours) {
  const match = hours ? /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hours) : null;
  if (!match) return [[0, 1440]];
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  if (start === end) return [[0, 1440]];
  return start < end ? [[start, end]] : [[start, 1440], [0, end]];
}
function covers(outer, inner) {
  return inner.every(([s, e]) => outer.some(([os, oe]) => os <= s && e <= oe));
}
function diffWindow(before, after, findings) {
  if (deepEqual(before, after)) return;
  const path = ["spec", "window"];
  if (!before) {
    push(findings, "tightening", "deploy window added", describeWindow(before), describeWindow(after), path);
    return;
  }
  if (!after) {
    push(findings, "weakening", "deploy window removed", describeWindow(before), describeWindow(after), path);
    return;
  }
  const allDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const daysB = before.days ?? allDays;
  const daysA = after.days ?? allDays;
  const minutesB = windowMinutes(before.hours);
  const minutesA = windowMinutes(after.hours);
  const widened = daysA.some((d) => !daysB.includes(d)) || !covers(minutesB, minutesA);
  const narrowed = daysB.some((d) => !daysA.includes(d)) || !covers(minutesA, minutesB);
  if (widened) push(findings, "weakening", "deploy window widened", describeWindow(before), describeWindow(after), path);
  else if (narrowed) push(findings, "tightening", "deploy window narrowed", describeWindow(before), describeWindow(after), path);
  if (before.timezone !== after.timezone && !widened) push(findings, "change", "deploy window time zone changed", before.timezone, after.timezone, [...path, "timezone"]);
}
function diffFreezes(b, a, findings) {
  const key2 = (f) => `${f.from}\u2013${f.until}`;
  const after = new Set((a.freezes ?? []).map(key2));
  const before = new Set((b.freezes ?? []).map(key2));
  for (const freeze of b.freezes ?? []) {
    if (!after.has(key2(freeze))) push(findings, "weakening", "freeze removed", `${key2(freeze)}${freeze.reason ? ` (${freeze.reason})` : ""}`, NONE, ["spec", "freezes"]);
  }
  (a.freezes ?? []).forEach((freeze, j) => {
    if (!before.has(key2(freeze))) push(findings, "tightening", "freeze added", NONE, key2(freeze), ["spec", "freezes", j]);
  });
}
function diffApprovers(b, a, findings) {
  if (deepEqual(b.approvers, a.approvers)) return;
  const show2 = (list) => list ? list.join(", ") : "config approvers";
  push(findings, "change", "approvers changed", show2(b.approvers), show2(a.approvers), ["spec", "approvers"]);
}
function sortFindings(findings) {
  const rank = { weakening: 0, tightening: 1, change: 2 };
  return findings.map((f, i) => ({ f, i })).sort((x, y) => rank[x.f.severity] - rank[y.f.severity] || x.i - y.i).map((x) => x.f);
}

// src/core/plan/ramp-chart.ts
function quoted(text) {
  return `"${text.replace(/["[\]]/g, "'").replace(/\s+/g, " ")}"`;
}
function renderRampChart(release, stages) {
  const labels = stages.map((s) => quoted(s.mode === "shadow" && !s.name.includes("shadow") ? `${s.name} (shadow)` : s.name));
  const shares = stages.map((s) => String(Number(s.share.toPrecision(6))));
  return [
    "xychart-beta",
    `    title ${quoted(`${release}: challenger share of requests by stage`)}`,
    `    x-axis [${labels.join(", ")}]`,
    '    y-axis "Challenger %" 0 --> 100',
    `    bar [${shares.join(", ")}]`,
    `    line [${shares.join(", ")}]`
  ].join("\n");
}

// src/core/plan/stage-plan.ts
var HOUR_MS = 36e5;
function planStages(policy, requestsPerHour, power) {
  return policy.spec.stages.map((stage, index) => planStage(stage, index, requestsPerHour, power?.get(stage.name)));
}
function planStage(stage, index, rph, power) {
  const shadow = stage.mode === "shadow";
  const share = shadow ? 0 : stage.weight ?? 0;
  const minMs = stage.minDuration !== void 0 ? parseDuration(stage.minDuration) : void 0;
  const bakeHours = minMs !== void 0 ? minMs / HOUR_MS : 0;
  let minimumHours;
  let servedRequests;
  let mirroredRequests;
  if (rph !== void 0 && rph > 0) {
    const armShare = shadow ? 100 : share >= 100 ? 100 : Math.min(share, 100 - share);
    const sampleHours = stage.minSamples !== void 0 && armShare > 0 ? stage.minSamples / (rph * armShare / 100) : 0;
    const hours = Math.max(bakeHours, sampleHours);
    if (hours > 0) {
      minimumHours = hours;
      if (shadow) mirroredRequests = Math.round(rph * hours);
      else servedRequests = Math.round(rph * hours * share / 100);
    }
  } else if (bakeHours > 0) {
    minimumHours = bakeHours;
  }
  return {
    index,
    name: stage.name,
    mode: shadow ? "shadow" : stage.segment ? "ring" : "traffic",
    share,
    ...stage.segment ? { segment: { attribute: stage.segment.attribute, values: [...stage.segment.values] } } : {},
    ...stage.minDuration !== void 0 ? { minDuration: stage.minDuration } : {},
    ...stage.maxDuration !== void 0 ? { maxDuration: stage.maxDuration } : {},
    ...stage.minSamples !== void 0 ? { minSamples: stage.minSamples } : {},
    gates: [...stage.gates ?? []],
    approval: stage.approval === "required",
    ...stage.watch !== void 0 ? { watch: stage.watch } : {},
    ...minimumHours !== void 0 ? { minimumHours } : {},
    ...servedRequests !== void 0 ? { servedRequests } : {},
    ...mirroredRequests !== void 0 ? { mirroredRequests } : {},
    ...power ? { power } : {}
  };
}

// src/core/plan/build-plan.ts
function buildPlan(input) {
  const shared = {
    metrics: new Map((input.head.config?.value.spec.metrics.definitions ?? []).map((d) => [d.name, d])),
    lineStat: createLineStatMemo(),
    policyFindings: /* @__PURE__ */ new Map(),
    rollouts: /* @__PURE__ */ new Map()
  };
  const releases = findChangedReleases(input.base, input.head, input.changedPaths).map((change) => planRelease(change, input, shared));
  const policies = findChangedPolicies(input.base, input.head, input.changedPaths).map((change) => {
    const doc = change.head ?? change.base;
    const findings = change.base && change.head ? sortFindings(locate(diffPolicies(change.base.value, change.head.value), change.head)) : [];
    return { name: change.name, kind: change.kind, file: doc.file, usedBy: change.usedBy, findings };
  });
  return {
    ...input.baseRef !== void 0 ? { baseRef: input.baseRef } : {},
    ...input.headRef !== void 0 ? { headRef: input.headRef } : {},
    releases,
    policies
  };
}
function weakeningReleases(plan) {
  return plan.releases.filter((r) => r.findings.some((f) => f.severity === "weakening"));
}
function locate(findings, doc) {
  return findings.map((f) => ({ ...f, at: doc.locate(f.path) }));
}
function planRelease(change, input, shared) {
  const { head, base } = input;
  if (change.kind === "removed" || !change.head) {
    const doc = change.base;
    return { name: change.name, kind: change.kind, file: doc.file, reasons: change.reasons, stages: [], gates: [], rollback: [], freezes: [], findings: [] };
  }
  const release = change.head;
  const spec = release.value.spec;
  const policy = head.policies.get(spec.policy);
  const ownTraffic = spec.traffic?.requestsPerHour;
  const configTraffic = head.config?.value.spec.traffic?.requestsPerHour;
  const requestsPerHour = ownTraffic ?? configTraffic;
  const trafficSource = ownTraffic !== void 0 ? "release" : configTraffic !== void 0 ? "config" : "none";
  const providerType = head.config?.value.spec.providers.find((p2) => p2.name === spec.target.provider)?.type;
  const previous = change.base?.value.spec.policy;
  const common = {
    name: change.name,
    kind: change.kind,
    file: release.file,
    reasons: change.reasons,
    ...release.value.metadata.description !== void 0 ? { description: release.value.metadata.description } : {},
    ...spec.owner !== void 0 ? { owner: spec.owner } : {},
    ...spec.risk !== void 0 ? { risk: spec.risk } : {},
    target: { provider: spec.target.provider, key: spec.target.key, ...providerType !== void 0 ? { providerType } : {} },
    bundle: diffBundles(spec.champion, spec.challenger, head.files, shared.lineStat)
  };
  if (!policy) {
    return { ...common, policy: { name: spec.policy, ...previous !== void 0 && previous !== spec.policy ? { previous } : {} }, stages: [], gates: [], rollback: [], freezes: [], findings: [] };
  }
  const p = policy.value.spec;
  const rollout = rolloutOf(policy, requestsPerHour, trafficSource, input.power?.(release, policy, head), shared);
  return {
    ...common,
    policy: { name: spec.policy, file: policy.file, strategy: p.strategy, ...previous !== void 0 && previous !== spec.policy ? { previous } : {} },
    stages: rollout.stages,
    gates: rollout.gates,
    rollback: rollout.rollback,
    window: rollout.window,
    freezes: rollout.freezes,
    handling: rollout.handling,
    blastRadius: rollout.blastRadius,
    findings: releaseFindings(change, base, policy, release, shared),
    chart: renderRampChart(change.name, rollout.stages)
  };
}
function rolloutOf(policy, requestsPerHour, trafficSource, power, shared) {
  let byPower = shared.rollouts.get(policy);
  if (!byPower) {
    byPower = /* @__PURE__ */ new Map();
    shared.rollouts.set(policy, byPower);
  }
  let byTraffic = byPower.get(power);
  if (!byTraffic) {
    byTraffic = /* @__PURE__ */ new Map();
    byPower.set(power, byTraffic);
  }
  const key2 = `${requestsPerHour}\0${trafficSource}`;
  const cached = byTraffic.get(key2);
  if (cached) return cached;
  const p = policy.value.spec;
  const { metrics } = shared;
  const stages = planStages(policy.value, requestsPerHour, power);
  const gateNames = [...new Set(p.stages.flatMap((s) => s.gates ?? []))];
  const rollout = {
    stages,
    gates: gateNames.map((name) => {
      const gate = p.gates?.[name];
      return { name, description: gate ? describeGate(gate, metrics.get(gate.metric)) : "not defined in the policy" };
    }),
    rollback: p.rollback.map((c) => describeRollback(c, metrics.get(c.metric))),
    window: describeWindow(p.window),
    freezes: (p.freezes ?? []).map((f) => `${f.from} \u2013 ${f.until}${f.reason ? ` (${f.reason})` : ""}`),
    handling: { onFailure: p.onFailure ?? "rollback", onNoData: p.onNoData ?? "hold", onInconclusive: p.onInconclusive ?? "hold" },
    blastRadius: computeBlastRadius(stages, requestsPerHour, trafficSource)
  };
  byTraffic.set(key2, rollout);
  return rollout;
}
function policyFindings(previous, policy, shared) {
  let byHead = shared.policyFindings.get(previous);
  if (!byHead) {
    byHead = /* @__PURE__ */ new Map();
    shared.policyFindings.set(previous, byHead);
  }
  let findings = byHead.get(policy);
  if (!findings) {
    findings = locate(diffPolicies(previous.value, policy.value), policy);
    byHead.set(policy, findings);
  }
  return findings;
}
var RISK_RANK = { low: 1, medium: 2, high: 3 };
function releaseFindings(change, base, policy, release, shared) {
  const previousName = change.base?.value.spec.policy ?? policy.value.metadata.name;
  const previous = base.policies.get(previousName);
  const findings = previous ? [...policyFindings(previous, policy, shared)] : [];
  const riskBefore = change.base?.value.spec.risk;
  const riskAfter = release.value.spec.risk;
  if (change.base && (RISK_RANK[riskAfter ?? "low"] ?? 0) < (RISK_RANK[riskBefore ?? "low"] ?? 0)) {
    findings.push({ severity: "weakening", subject: "risk lowered", before: riskBefore ?? "low", after: riskAfter ?? "low", path: ["spec", "risk"], at: release.locate(["spec", "risk"]) });
  }
  if (!previous) return sortFindings(findings);
  if (previousName !== policy.value.metadata.name) {
    findings.unshift({
      severity: "change",
      subject: "policy switched",
      before: previousName,
      after: policy.value.metadata.name,
      path: ["spec", "policy"],
      at: release.locate(["spec", "policy"])
    });
  }
  return sortFindings(findings);
}

// src/core/stats/distributions/normal.ts
var SQRT_32 = 5.656854249492381;
var ONE_OVER_SQRT_2PI = 0.3989422804014327;
var SMALL_Z = 0.66291;
var UNDERFLOW_Z = 37.5193;
var A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
var B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
var C = [
  0.39894151208813466,
  8.883149794388377,
  93.50665613217785,
  597.2702763948002,
  2494.5375852903726,
  6848.190450536283,
  11602.65143764735,
  9842.714838383978,
  10765576773720192e-24
];
var D = [
  22.266688044328117,
  235.387901782625,
  1519.3775994075547,
  6485.558298266761,
  18615.571640885097,
  34900.95272114598,
  38912.00328609327,
  19685.429676859992
];
var P = [0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 29112874951168793e-21, 0.023073441764940174];
var Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7297515550839662e-20];
function normalTails(z) {
  if (Number.isNaN(z)) return { lower: Number.NaN, upper: Number.NaN };
  const y = Math.abs(z);
  if (y <= SMALL_Z) {
    const zsq = y > Number.EPSILON / 2 ? z * z : 0;
    let num = A[4] * zsq;
    let den = zsq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]) * zsq;
      den = (den + B[i]) * zsq;
    }
    const half = z * (num + A[3]) / (den + B[3]);
    return { lower: 0.5 + half, upper: 0.5 - half };
  }
  if (y >= UNDERFLOW_Z) return z > 0 ? { lower: 1, upper: 0 } : { lower: 0, upper: 1 };
  let ratio;
  if (y <= SQRT_32) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    ratio = (num + C[7]) / (den + D[7]);
  } else {
    const inv = 1 / (y * y);
    let num = P[5] * inv;
    let den = inv;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * inv;
      den = (den + Q[i]) * inv;
    }
    ratio = (ONE_OVER_SQRT_2PI - inv * (num + P[4]) / (den + Q[4])) / y;
  }
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  const tail = Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * ratio;
  return z > 0 ? { lower: 1 - tail, upper: tail } : { lower: tail, upper: 1 - tail };
}
function normalCdf(z) {
  return normalTails(z).lower;
}
var AS241_A = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227];
var AS241_B = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854];
var AS241_C = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 7745450142783414e-19];
var AS241_D = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 5475938084995345e-19, 10507500716444169e-25];
var AS241_E = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 27115555687434876e-21, 20103343992922881e-23];
var AS241_F = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 7868691311456133e-19, 18463183175100548e-21, 1421511758316446e-22, 20442631033899397e-31];
function evaluatePolynomial(coefficients, x) {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i];
  return value;
}
function normalQuantile(p, lowerTail = true) {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  const lower = lowerTail ? p : 1 - p;
  const q = lower - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r2 = 0.180625 - q * q;
    return q * evaluatePolynomial(AS241_A, r2) / evaluatePolynomial(AS241_B, r2);
  }
  const tail = lowerTail === q < 0 ? p : 1 - p;
  if (tail === 0) return q < 0 ? -Infinity : Infinity;
  let r = Math.sqrt(-Math.log(tail));
  let value;
  if (r <= 5) {
    r -= 1.6;
    value = evaluatePolynomial(AS241_C, r) / evaluatePolynomial(AS241_D, r);
  } else {
    r -= 5;
    value = evaluatePolynomial(AS241_E, r) / evaluatePolynomial(AS241_F, r);
  }
  return q < 0 ? -value : value;
}

// src/core/stats/special/log-gamma.ts
var LN_SQRT_2PI = 0.9189385332046728;
var LANCZOS_G = 7;
var LANCZOS = [
  0.9999999999998099,
  676.5203681218851,
  -1259.1392167224028,
  771.3234287776531,
  -176.6150291621406,
  12.507343278686905,
  -0.13857109526572012,
  9984369578019572e-21,
  15056327351493116e-23
];
var STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400
];
function stirlingCorrection(x) {
  if (!(x >= 10)) throw new RangeError(`stirlingCorrection needs x >= 10, got ${x}`);
  const inv2 = 1 / (x * x);
  let sum2 = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum2 = sum2 * inv2 + STIRLING[k];
  return sum2 / x;
}
function logGamma(x) {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum2 = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum2 += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum2);
}

// src/core/stats/special/incomplete-beta.ts
var EPS = Number.EPSILON;

// src/core/stats/special/continued-fraction.ts
var TINY = 1e-300;
function evaluateContinuedFraction(b0, term, maxIterations, eps = Number.EPSILON) {
  let f = b0 === 0 ? TINY : b0;
  let c = f;
  let d = 0;
  for (let m = 1; m <= maxIterations; m++) {
    const [a, b] = term(m);
    d = b + a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= eps) return f;
  }
  throw new Error(`continued fraction did not converge in ${maxIterations} iterations`);
}

// src/core/stats/special/incomplete-gamma.ts
var EPS2 = Number.EPSILON;
var MAX_ITERATIONS = 1e7;
function regularizedGamma(x, a) {
  if (Number.isNaN(x) || !(a > 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum2 = term;
    for (let n = 1; n <= MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum2 += term;
      if (Math.abs(term) < Math.abs(sum2) * EPS2) {
        const lower = Math.exp(logFront + Math.log(sum2));
        return { lower, upper: 1 - lower };
      }
    }
    throw new Error(`incomplete gamma series did not converge for x=${x}, a=${a}`);
  }
  const fraction = evaluateContinuedFraction(
    0,
    (m) => m === 1 ? [1, x + 1 - a] : [-(m - 1) * (m - 1 - a), x + 2 * m - 1 - a],
    MAX_ITERATIONS
  );
  const upper = Math.exp(logFront + Math.log(fraction));
  return { lower: 1 - upper, upper };
}

// src/core/stats/distributions/chi-square.ts
function chiSquareTails(x, df) {
  return regularizedGamma(x / 2, df / 2);
}

// src/core/stats/tests/result.ts
function pValueFromZ(z, alternative) {
  const tails = normalTails(z);
  switch (alternative) {
    case "two.sided":
      return Math.min(1, 2 * Math.min(tails.lower, tails.upper));
    case "greater":
      return tails.upper;
    case "less":
      return tails.lower;
  }
}
function checkConfLevel(confLevel) {
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be between 0 and 1 (exclusive), got ${confLevel}`);
  return confLevel;
}
function checkCount(value, what) {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

// src/core/stats/summary.ts
function summarize(values) {
  let n = 0;
  let sum2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      n++;
      sum2 += v;
    }
  }
  if (n === 0) return { n: 0, mean: Number.NaN, sd: Number.NaN };
  let mean = sum2 / n;
  let residual = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) residual += v - mean;
  }
  mean += residual / n;
  if (n === 1) return { n, mean, sd: Number.NaN };
  let squares = 0;
  let drift = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      const d = v - mean;
      squares += d * d;
      drift += d;
    }
  }
  const variance = (squares - drift * drift / n) / (n - 1);
  return { n, mean, sd: Math.sqrt(Math.max(variance, 0)) };
}

// src/core/stats/tests/mann-whitney.ts
function mannWhitneyTest(control, canary, opts = {}) {
  const alternative = opts.alternative ?? "two.sided";
  const confLevel = checkConfLevel(opts.confLevel ?? 0.95);
  const x = sortedWithoutNaN(canary, opts.mu ?? 0);
  const y = sortedWithoutNaN(control, 0);
  const nx = x.length;
  const ny = y.length;
  const n = { control: ny, canary: nx };
  const base = { statisticName: "W", confLevel, alternative, n };
  if (nx === 0 || ny === 0) {
    return { ...base, statistic: 0, z: 0, pValue: 1, estimate: 0.5, standardError: Number.NaN, interval: [0, 1], degenerate: `the ${nx === 0 ? "canary" : "control"} arm has no observations` };
  }
  let i = 0;
  let j = 0;
  let w = 0;
  let tieTerm = 0;
  let sumX = 0;
  let sumXSquared = 0;
  let sumY = 0;
  let sumYSquared = 0;
  while (i < nx || j < ny) {
    const value = j >= ny || i < nx && x[i] <= y[j] ? x[i] : y[j];
    const controlBelow = j;
    let tiedX = 0;
    while (i < nx && x[i] === value) {
      i++;
      tiedX++;
    }
    let tiedY = 0;
    while (j < ny && y[j] === value) {
      j++;
      tiedY++;
    }
    const group = tiedX + tiedY;
    if (group > 1) tieTerm += group * group * group - group;
    if (tiedX > 0) {
      const placement = (controlBelow + tiedY / 2) / ny;
      w += tiedX * (controlBelow + tiedY / 2);
      sumX += tiedX * placement;
      sumXSquared += tiedX * placement * placement;
    }
    if (tiedY > 0) {
      const placement = (nx - i + tiedX / 2) / nx;
      sumY += tiedY * placement;
      sumYSquared += tiedY * placement * placement;
    }
  }
  const theta = w / (nx * ny);
  const varianceX = nx > 1 ? Math.max(0, (sumXSquared - sumX * sumX / nx) / (nx - 1)) : 0;
  const varianceY = ny > 1 ? Math.max(0, (sumYSquared - sumY * sumY / ny) / (ny - 1)) : 0;
  const standardError = Math.sqrt(varianceX / nx + varianceY / ny);
  const quantile = normalQuantile(alternative === "two.sided" ? (1 - confLevel) / 2 : 1 - confLevel, false);
  const interval = [
    alternative === "less" ? 0 : Math.max(0, theta - quantile * standardError),
    alternative === "greater" ? 1 : Math.min(1, theta + quantile * standardError)
  ];
  const total = nx + ny;
  const sigma = Math.sqrt(nx * ny / 12 * (total + 1 - tieTerm / (total * (total - 1))));
  const centred = w - nx * ny / 2;
  if (!(sigma > 0)) {
    return { ...base, statistic: w, z: 0, pValue: 1, estimate: theta, standardError, interval, degenerate: "all observations are tied" };
  }
  const correction = alternative === "two.sided" ? Math.sign(centred) * 0.5 : alternative === "greater" ? 0.5 : -0.5;
  const z = (centred - correction) / sigma;
  return { ...base, statistic: w, z, pValue: pValueFromZ(z, alternative), estimate: theta, standardError, interval };
}
function sortedWithoutNaN(values, shift) {
  const out = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) out[k++] = v - shift;
  }
  return (k === out.length ? out : out.subarray(0, k)).sort();
}

// src/core/stats/histogram.ts
function normalizeHistogram(histogram) {
  for (const b of histogram) {
    if (Number.isNaN(b.le) || !(b.count >= 0)) throw new RangeError(`histogram bucket {le: ${b.le}, count: ${b.count}} needs a number le and a non-negative count`);
  }
  const sorted = [...histogram].sort((a, b) => a.le - b.le);
  let running = 0;
  return sorted.map((b) => {
    running = Math.max(running, b.count);
    return { le: b.le, count: running };
  });
}
function histogramTotal(buckets) {
  return buckets.length === 0 ? 0 : buckets[buckets.length - 1].count;
}
function histogramQuantile(buckets, q) {
  const total = histogramTotal(buckets);
  if (total === 0 || Number.isNaN(q)) return Number.NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const rank = q * total;
  const b = bucketIndexOfRank(buckets, rank);
  const bucket = buckets[b];
  if (bucket.le === Infinity) return b > 0 ? buckets[b - 1].le : Number.NaN;
  if (b === 0 && bucket.le <= 0) return bucket.le;
  const start = b === 0 ? 0 : buckets[b - 1].le;
  const below = b === 0 ? 0 : buckets[b - 1].count;
  return start + (bucket.le - start) * ((rank - below) / (bucket.count - below));
}
function bucketIndexOfRank(buckets, rank) {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (buckets[mid].count >= rank) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
function summarizeHistogram(histogram) {
  const buckets = normalizeHistogram(histogram);
  let n = 0;
  let sum2 = 0;
  let squares = 0;
  let openEnded = 0;
  let previousLe = Number.NaN;
  let previousCount = 0;
  for (const [index, b] of buckets.entries()) {
    const count = b.count - previousCount;
    if (count > 0) {
      let mid;
      if (b.le === Infinity) {
        openEnded += count;
        mid = Number.isNaN(previousLe) ? 0 : previousLe;
      } else if (index === 0) {
        mid = b.le > 0 ? b.le / 2 : b.le;
      } else {
        mid = (previousLe + b.le) / 2;
      }
      n += count;
      sum2 += count * mid;
      squares += count * mid * mid;
    }
    previousLe = b.le;
    previousCount = b.count;
  }
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, openEnded };
  const mean = sum2 / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1))) : Number.NaN;
  return { n, mean, sd, openEnded };
}

// src/core/stats/tests/srm.ts
function srmTest(counts, weights) {
  if (counts.length !== weights.length || counts.length < 2) {
    throw new RangeError(`srmTest needs one weight per count and at least two cells, got ${counts.length} counts and ${weights.length} weights`);
  }
  counts.forEach((c, i) => checkCount(c, `counts[${i}]`));
  weights.forEach((w, i) => {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights[${i}] must be a finite non-negative number, got ${w}`);
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (!(weightSum > 0)) throw new RangeError("srmTest needs at least one positive weight");
  const expectedShares = weights.map((w) => w / weightSum);
  const expected = expectedShares.map((s) => s * total);
  const observedShares = counts.map((c) => total > 0 ? c / total : Number.NaN);
  const cells = expectedShares.filter((s) => s > 0).length;
  const base = { parameter: cells - 1, expected, observedShares, expectedShares };
  if (total === 0) return { ...base, statistic: 0, pValue: 1, degenerate: "no observations in any arm" };
  let statistic = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = expected[i];
    const o = counts[i];
    if (e === 0) {
      if (o > 0) statistic = Infinity;
      continue;
    }
    statistic += (o - e) * (o - e) / e;
  }
  if (statistic === Infinity) return { ...base, statistic, pValue: 0 };
  if (cells < 2) return { ...base, statistic, pValue: 1, degenerate: "only one arm has a positive weight" };
  return { ...base, statistic, pValue: chiSquareTails(statistic, cells - 1).upper };
}

// src/core/stats/holm.ts
function holm(pValues) {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] must be a probability, got ${p}`);
  });
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Array(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, (m - rank) * pValues[index]);
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}

// src/core/stats/sequential.ts
var DEFAULT_TUNE_N = 1e4;
var TUNING_CONSTANT = -2 * Math.log(0.05) + Math.log(1 - 2 * Math.log(0.05));
function boundaryMultiplier(n, opts) {
  checkAlpha(opts.alpha);
  const r = mixtureTime(n, opts.tuneN);
  if (r === 0) return Infinity;
  const scale = 2 * (1 + 1 / r);
  const root = Math.sqrt(1 + r);
  return (opts.sides ?? 2) === 2 ? Math.sqrt(scale * Math.log(root / opts.alpha)) : Math.sqrt(scale * Math.log(root / (2 * opts.alpha) + 1));
}
function confidenceSequence(estimate, se, n, opts) {
  const multiplier = boundaryMultiplier(n, opts);
  const halfWidth = se === 0 ? 0 : multiplier * se;
  if (!(se >= 0) || Number.isNaN(halfWidth)) return { lower: -Infinity, upper: Infinity, halfWidth: Infinity, multiplier };
  return { lower: estimate - halfWidth, upper: estimate + halfWidth, halfWidth, multiplier };
}
function alwaysValidPValue(estimate, se, n, threshold, opts) {
  const r = mixtureTime(n, opts.tuneN);
  if (r === 0 || !(se > 0)) return 1;
  const distance = opts.alternative === "less" ? threshold - estimate : estimate - threshold;
  const z = opts.alternative === "two.sided" ? Math.abs(distance) / se : distance / se;
  if (!(z > 0)) return 1;
  const exponent = z * z / (2 * (1 + 1 / r));
  const root = Math.sqrt(1 + r);
  const p = opts.alternative === "two.sided" ? root * Math.exp(-exponent) : root / (2 * Math.expm1(exponent));
  return Math.min(1, p);
}
function mixtureTime(n, tuneN = DEFAULT_TUNE_N) {
  if (!(n >= 0)) throw new RangeError(`n must be a non-negative number of observations, got ${n}`);
  if (!(tuneN > 0) || !Number.isFinite(tuneN)) throw new RangeError(`tuneN must be a positive number, got ${tuneN}`);
  return TUNING_CONSTANT * n / tuneN;
}
function checkAlpha(alpha) {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1 (exclusive), got ${alpha}`);
}

// src/core/stats/power.ts
function requiredSamplesPerArm(opts) {
  const ratio = opts.ratio ?? 1;
  checkOptions(opts, ratio);
  const zBeta = normalQuantile(opts.power);
  let nullSpread;
  let alternativeSpread;
  if (opts.kind === "proportion") {
    const p1 = opts.baseline;
    const p2 = p1 + opts.margin <= 1 ? p1 + opts.margin : p1 - opts.margin;
    const pooled = (p1 + ratio * p2) / (1 + ratio);
    nullSpread = Math.sqrt(pooled * (1 - pooled) * (1 + 1 / ratio));
    alternativeSpread = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio);
  } else {
    nullSpread = opts.sd * Math.sqrt(1 + 1 / ratio);
    alternativeSpread = nullSpread;
  }
  const controlFor = (boundary2) => ((boundary2 * nullSpread + zBeta * alternativeSpread) / opts.margin) ** 2;
  let boundary;
  let control;
  if (!opts.sequential) {
    boundary = normalQuantile(opts.alpha / opts.sides, false);
    control = controlFor(boundary);
  } else if (opts.tuneN === void 0) {
    boundary = boundaryMultiplier(1, { alpha: opts.alpha, sides: opts.sides, tuneN: 1 });
    control = controlFor(boundary);
  } else {
    const tuneN = opts.tuneN;
    const boundaryAt = (n) => boundaryMultiplier(Math.min(n, ratio * n), { alpha: opts.alpha, sides: opts.sides, tuneN });
    const shortfall = (n) => n - controlFor(boundaryAt(n));
    let lo = 0;
    let hi = Math.max(1, controlFor(normalQuantile(opts.alpha / opts.sides, false)));
    while (shortfall(hi) < 0) {
      lo = hi;
      hi *= 2;
    }
    for (let i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (shortfall(mid) < 0) lo = mid;
      else hi = mid;
    }
    control = hi;
    boundary = boundaryAt(hi);
  }
  const exact = { control, canary: ratio * control };
  return { control: Math.ceil(exact.control - 1e-9), canary: Math.ceil(exact.canary - 1e-9), exact, boundary };
}
function checkOptions(opts, ratio) {
  if (!(opts.margin > 0) || !Number.isFinite(opts.margin)) throw new RangeError(`margin must be a positive number, got ${opts.margin}`);
  if (!(opts.alpha > 0 && opts.alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, got ${opts.alpha}`);
  if (!(opts.power > 0 && opts.power < 1)) throw new RangeError(`power must be between 0 and 1, got ${opts.power}`);
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new RangeError(`ratio must be a positive number, got ${ratio}`);
  if (opts.kind === "proportion" && !(opts.baseline >= 0 && opts.baseline <= 1)) throw new RangeError(`a proportion baseline must be between 0 and 1, got ${opts.baseline}`);
  if (opts.kind === "mean" && !(opts.sd !== void 0 && opts.sd > 0)) throw new RangeError("a mean needs sd > 0 (the standard deviation of one observation)");
}

// src/core/gates/gate-config-error.ts
var GateConfigError = class extends Error {
  name = "GateConfigError";
};

// src/core/gates/gate-margin.ts
var NO_MARGIN = { kind: "absolute", value: 0, text: "0" };
function resolveMargin(margin, where3) {
  if (margin === void 0) return NO_MARGIN;
  const parsed = parseMargin(margin);
  if (!parsed) throw new GateConfigError(`${where3}: ${JSON.stringify(margin)} is not a margin: write 0.5pp (percentage points), 10% (relative to control) or a number in the metric's unit`);
  return { kind: parsed.kind === "relative" ? "relative" : "absolute", value: parsed.value, text: String(margin) };
}
function sameMargin(a, b) {
  return a.kind === b.kind && a.value === b.value;
}

// src/core/gates/format-evidence.ts
var grouped = new Intl.NumberFormat("en-US");
function formatCount2(n) {
  return Number.isFinite(n) ? grouped.format(Math.round(n)) : String(n);
}
function formatP(p) {
  if (!(p >= 0)) return "n/a";
  if (p < 1e-4) return "< 0.0001";
  return Number(p.toPrecision(2)).toString();
}
function pPhrase(p) {
  const text = formatP(p);
  return text.startsWith("<") ? `p ${text}` : `p = ${text}`;
}
function formatValue(value, metric) {
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : value < 0 ? "\u2212\u221E" : "n/a";
  if (metric.type === "proportion") return `${trim(value * 100, 3)}%`;
  return `${trim(value, 4)}${metric.unit ? ` ${metric.unit}` : ""}`;
}
function formatDifference(value, metric) {
  if (!Number.isFinite(value)) return value > 0 ? "+\u221E" : value < 0 ? "\u2212\u221E" : "n/a";
  const sign = value > 0 ? "+" : value < 0 ? "\u2212" : "\xB1";
  const magnitude = Math.abs(value);
  if (metric.type === "proportion") return `${sign}${trim(magnitude * 100, 3)}pp`;
  return `${sign}${trim(magnitude, 4)}${metric.unit ? ` ${metric.unit}` : ""}`;
}
function formatProbability(value) {
  if (!Number.isFinite(value)) return "n/a";
  return value.toFixed(3);
}
function trim(value, digits) {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e3 ? grouped.format(Math.round(value)) : Number(value.toPrecision(digits)).toString();
  return text.replace("-", "\u2212");
}

// src/core/power/stage-traffic.ts
function stageArmRates(stage, requestsPerHour) {
  if (requestsPerHour === void 0 || !(requestsPerHour > 0)) return void 0;
  if (stage.mode === "shadow") return { control: requestsPerHour, canary: requestsPerHour };
  const w = stage.weight;
  if (w === void 0 || !(w > 0 && w < 100)) return void 0;
  return { control: requestsPerHour * (100 - w) / 100, canary: requestsPerHour * w / 100 };
}
function minDurationHours(stage) {
  const ms = stage.minDuration === void 0 ? void 0 : parseDuration(stage.minDuration);
  return ms === void 0 ? void 0 : ms / 36e5;
}
function plannedArmSamples(stage, requestsPerHour) {
  const rates = stageArmRates(stage, requestsPerHour);
  const hours = minDurationHours(stage);
  if (!rates || hours === void 0 || hours <= 0) return void 0;
  return Math.max(1, Math.round(Math.min(rates.control, rates.canary) * hours));
}

// src/core/power/stage-power.ts
var DEFAULT_LOWER_IS_BETTER_RATE = 0.01;
var DEFAULT_HIGHER_IS_BETTER_RATE = 0.9;
var DEFAULT_CV = 0.5;
function estimateStagePower(input) {
  const { policy } = input;
  const alpha = policy.spec.analysis?.alpha ?? 0.05;
  const power = policy.spec.analysis?.power ?? 0.8;
  const definitions = new Map(input.metrics.map((m) => [m.name, m]));
  const assumptions = /* @__PURE__ */ new Set([
    `sequential (always-valid) tests as the judge runs them, ${Math.round(power * 100)}% power, the stage's alpha ${alpha} split evenly across its gates`
  ]);
  const warnings = [];
  if (input.requestsPerHour === void 0) {
    warnings.push("no traffic estimate: set spec.traffic.requestsPerHour on the release (or in glidepath.yaml) to see how long each stage needs");
  }
  const stages = policy.spec.stages.map((stage) => {
    const rates = stageArmRates(stage, input.requestsPerHour);
    const hours = minDurationHours(stage);
    const gateNames = stage.gates ?? [];
    const gateAlpha = alpha / Math.max(1, gateNames.length);
    const stageWarnings = [];
    const gates = gateNames.flatMap((name) => {
      const gate = policy.spec.gates?.[name];
      const metric = gate ? definitions.get(gate.metric) : void 0;
      if (!gate || !metric) return [];
      const estimate = estimateGate({ name, gate, metric, stage, rates, minHours: hours, alpha: gateAlpha, power, baseline: input.baselines?.[metric.name], assumptions });
      stageWarnings.push(...gateWarnings(stage, estimate, rates, hours, power));
      return [estimate];
    });
    return {
      stage: stage.name,
      mode: stage.mode ?? "traffic",
      ...stage.weight === void 0 ? {} : { weight: stage.weight },
      ...rates ? { requestsPerHour: rates } : {},
      ...hours === void 0 ? {} : { minDurationHours: hours },
      gates,
      warnings: stageWarnings
    };
  });
  return {
    release: input.release,
    policy: policy.metadata.name,
    ...input.requestsPerHour === void 0 ? {} : { requestsPerHour: input.requestsPerHour },
    alpha,
    power,
    stages,
    assumptions: [...assumptions],
    warnings: [...warnings, ...stages.flatMap((s) => s.warnings)]
  };
}
function estimateGate(ctx) {
  const { gate, metric } = ctx;
  const head = { gate: ctx.name, metric: metric.name, test: gate.test };
  const baseline = resolveBaseline(metric, ctx.baseline, ctx.assumptions);
  const versus = gate.versus ?? (gate.test === "quantile" ? "absolute" : "control");
  const withBaseline = { ...head, baseline };
  if (versus === "absolute") return estimateAbsolute(ctx, withBaseline);
  if (ctx.stage.mode !== "shadow" && (ctx.stage.weight ?? 0) >= 100) return { ...withBaseline, note: "at 100% there is no control arm to compare with" };
  const margin = resolveMargin(gate.nonInferiority ?? gate.maxIncrease, `spec.gates.${ctx.name}`);
  if (margin.value === 0) return { ...withBaseline, note: "the margin is 0: a challenger equal to control can never be shown within it; set nonInferiority to the difference you would accept" };
  const model = sampleModel(ctx, baseline, margin);
  if (typeof model === "string") return { ...withBaseline, note: model };
  const effect = marginEffect(ctx, baseline, margin);
  const samplesPerArm = model.samples(effect);
  const result = { ...withBaseline, effect: { text: margin.text, absolute: effect }, samplesPerArm, ...timing(samplesPerArm, ctx.rates, ctx.minHours) };
  const detectable = ctx.rates && ctx.minHours !== void 0 ? detectableEffect(model, ctx.rates, ctx.minHours) : void 0;
  return detectable === void 0 ? result : { ...result, detectableInMinDuration: { absolute: detectable, text: model.describe(detectable), relative: model.relative(detectable) } };
}
function resolveBaseline(metric, observed, assumptions) {
  if (metric.type === "proportion") {
    if (observed?.rate !== void 0) return { rate: observed.rate, source: "observed" };
    const rate = metric.direction === "lower-is-better" ? DEFAULT_LOWER_IS_BETTER_RATE : DEFAULT_HIGHER_IS_BETTER_RATE;
    assumptions.add(`${metric.name}: no observed baseline, assumed a ${rate * 100}% rate (the default for ${metric.direction} rates)`);
    return { rate, source: "default" };
  }
  if (observed?.mean !== void 0 && observed.sd !== void 0) return { mean: observed.mean, sd: observed.sd, source: "observed" };
  assumptions.add(`${metric.name}: ${observed?.mean === void 0 ? "no observed baseline" : "no observed sd"}, assumed a coefficient of variation of ${DEFAULT_CV} (sd = ${DEFAULT_CV} \xD7 mean)`);
  return observed?.mean === void 0 ? { source: "default" } : { mean: observed.mean, sd: observed.mean * DEFAULT_CV, source: "default" };
}
function marginEffect(ctx, baseline, margin) {
  if (ctx.gate.test === "mann-whitney") return superiorityShift(ctx.metric, baseline, margin);
  if (ctx.gate.test === "proportions") return margin.kind === "relative" ? margin.value * baseline.rate : margin.value;
  return margin.kind === "relative" ? margin.value * (baseline.mean ?? 1) : margin.value;
}
function sampleModel(ctx, baseline, margin) {
  const { gate, metric } = ctx;
  const ratio = ctx.rates ? ctx.rates.canary / ctx.rates.control : ctx.stage.mode === "shadow" ? 1 : ratioOf(ctx.stage);
  const common = { alpha: ctx.alpha, power: ctx.power, sides: 1, ratio, sequential: true };
  const perArm = (s) => ({ control: s.control, canary: s.canary });
  if (gate.test === "proportions") {
    const rate = metric.direction === "lower-is-better" ? baseline.rate : 1 - baseline.rate;
    return {
      samples: (d) => perArm(requiredSamplesPerArm({ ...common, kind: "proportion", baseline: rate, margin: d })),
      maxEffect: Math.max(1e-6, 1 - rate),
      describe: (d) => `${trim2(d * 100)}pp (${trim2(d / baseline.rate * 100)}% of the ${trim2(baseline.rate * 100)}% baseline)`,
      relative: (d) => d / baseline.rate
    };
  }
  if (gate.test === "welch") {
    if (margin.kind === "absolute" && baseline.sd === void 0) return `an absolute margin (${margin.text}) needs an observed baseline sd for ${metric.name} to estimate`;
    const mean = baseline.mean ?? 1;
    const sd = baseline.sd ?? DEFAULT_CV * mean;
    return {
      samples: (d) => perArm(requiredSamplesPerArm({ ...common, kind: "mean", baseline: mean, sd, margin: d })),
      maxEffect: 100 * sd,
      describe: (d) => baseline.mean === void 0 ? `${trim2(d / mean * 100)}% of the mean` : `${trim2(d)}${metric.unit ? ` ${metric.unit}` : ""} (${trim2(d / mean * 100)}%)`,
      relative: (d) => d / mean
    };
  }
  if (gate.test === "mann-whitney") {
    if (superiorityShift(metric, baseline, margin) === void 0) return `an absolute margin (${margin.text}) needs an observed baseline mean for ${metric.name} to estimate`;
    const sigma = logSigma(baseline);
    const scaleShift = (d) => Math.exp(Math.SQRT2 * sigma * normalQuantile(0.5 + d)) - 1;
    return {
      // Placements have variance 1/12 under no difference, so θ behaves as a mean with sd √(1/12).
      samples: (d) => perArm(requiredSamplesPerArm({ ...common, kind: "mean", baseline: 0.5, sd: Math.sqrt(1 / 12), margin: d })),
      maxEffect: 0.4999,
      describe: (d) => `a ${trim2(scaleShift(d) * 100)}% shift (every percentile)`,
      relative: (d) => scaleShift(d)
    };
  }
  return `a ${gate.test} gate compares with an absolute bound: set versus: absolute and max or min`;
}
function superiorityShift(metric, baseline, margin) {
  const sigma = logSigma(baseline);
  let shift;
  if (margin.kind === "relative") {
    shift = metric.direction === "lower-is-better" ? Math.log(1 + margin.value) : -Math.log(1 - Math.min(margin.value, 0.999));
  } else {
    if (baseline.mean === void 0) return void 0;
    const median = baseline.mean / Math.sqrt(1 + (baseline.sd / baseline.mean) ** 2);
    shift = Math.abs(Math.log(1 + (metric.direction === "lower-is-better" ? margin.value : -Math.min(margin.value, 0.999 * median)) / median));
  }
  return normalCdf(shift / (Math.SQRT2 * sigma)) - 0.5;
}
function logSigma(baseline) {
  const cv = baseline.mean !== void 0 && baseline.sd !== void 0 && baseline.mean > 0 ? baseline.sd / baseline.mean : DEFAULT_CV;
  return Math.sqrt(Math.log(1 + cv * cv));
}
function estimateAbsolute(ctx, head) {
  const { gate, metric } = ctx;
  const bound = gate.max ?? gate.min;
  if (bound === void 0) return { ...head, note: "an absolute gate needs max or min" };
  const baseline = head.baseline;
  let distance;
  let spread2;
  let what;
  if (gate.test === "quantile") {
    const q = gate.quantile ?? 0.5;
    if (baseline.mean === void 0) return { ...head, note: `depends on where the champion's p${trim2(q * 100)} sits relative to ${bound}: give an observed baseline mean (and sd) for ${metric.name} to estimate` };
    const sigma = logSigma(baseline);
    const mu = Math.log(baseline.mean) - sigma * sigma / 2;
    const share = normalCdf((Math.log(bound) - mu) / sigma);
    distance = gate.max !== void 0 ? share - q : q - share;
    spread2 = Math.sqrt(q * (1 - q));
    what = `p${trim2(q * 100)} (log-normal from the baseline: ${trim2(Math.exp(mu + sigma * normalQuantile(q)))}${metric.unit ? ` ${metric.unit}` : ""})`;
  } else if (gate.test === "proportions") {
    const rate = baseline.rate;
    distance = gate.max !== void 0 ? bound - rate : rate - bound;
    spread2 = Math.sqrt(rate * (1 - rate));
    what = `rate (${trim2(rate * 100)}%)`;
  } else {
    if (baseline.mean === void 0 || baseline.sd === void 0) return { ...head, note: `needs an observed baseline mean and sd for ${metric.name} to estimate` };
    distance = gate.max !== void 0 ? bound - baseline.mean : baseline.mean - bound;
    spread2 = baseline.sd;
    what = `mean (${trim2(baseline.mean)})`;
  }
  if (!(distance > 0)) return { ...head, note: `the champion's ${what} is already ${gate.max !== void 0 ? "above" : "below"} ${bound}: an equal challenger would fail this gate` };
  const multiplier = boundaryMultiplier(1, { alpha: ctx.alpha, sides: 1, tuneN: 1 });
  const canary = Math.ceil(((multiplier + normalQuantile(ctx.power)) * spread2 / distance) ** 2);
  const samplesPerArm = { control: 0, canary };
  return { ...head, samplesPerArm, ...timing(samplesPerArm, ctx.rates, ctx.minHours), note: `to show a challenger like the champion (${what}) within ${bound}` };
}
function timing(samples, rates, minHours) {
  if (!rates) return {};
  const hours = Math.max(samples.control / rates.control, samples.canary / rates.canary);
  return { hours, ...minHours === void 0 ? {} : { enough: hours <= minHours } };
}
function detectableEffect(model, rates, minHours) {
  const hoursFor = (d) => {
    const s = model.samples(d);
    return Math.max(s.control / rates.control, s.canary / rates.canary);
  };
  if (minHours <= 0 || hoursFor(model.maxEffect) > minHours) return void 0;
  let lo = 0;
  let hi = model.maxEffect;
  while (hi - lo > hi * 1e-7) {
    const mid = (lo + hi) / 2;
    if (hoursFor(mid) > minHours) lo = mid;
    else hi = mid;
  }
  return hi;
}
function gateWarnings(stage, g, rates, minHours, power) {
  const out = [];
  const pct = `${Math.round(power * 100)}%`;
  if (g.note?.startsWith("the margin is 0")) out.push(`${stage.name}: gate ${g.gate} has no margin to pass within, so an equal challenger holds there until maxDuration: set nonInferiority`);
  if (g.note?.includes("would fail this gate")) out.push(`${stage.name}: gate ${g.gate}: ${g.note}`);
  if (!rates || g.hours === void 0) return out;
  const traffic2 = `${stage.name} sees ${formatCount2(rates.canary)} canary requests/h`;
  if (g.enough === false && g.effect) {
    out.push(`${traffic2}: telling a ${g.effect.text} difference in ${g.metric} (gate ${g.gate}) at ${pct} power needs ~${formatHours2(g.hours)}, more than its minDuration ${stage.minDuration}`);
  } else if (g.enough === false) {
    out.push(`${traffic2}: gate ${g.gate} on ${g.metric} needs ~${formatHours2(g.hours)} at ${pct} power, more than its minDuration ${stage.minDuration}`);
  }
  const d = g.detectableInMinDuration;
  if (d && minHours !== void 0 && d.relative >= catastrophic(g)) {
    out.push(`${stage.name} (${stage.mode === "shadow" ? "shadow" : `${stage.weight}%`} for ${stage.minDuration}) can only detect a ${d.text} difference in ${g.metric} at ${pct} power: it catches catastrophes only`);
  }
  return out;
}
function catastrophic(g) {
  if (g.test === "proportions") return g.baseline.rate !== void 0 && g.baseline.rate > 0.5 ? 0.25 : 1;
  return 0.5;
}
function ratioOf(stage) {
  const w = stage.weight ?? 50;
  return w > 0 && w < 100 ? w / (100 - w) : 1;
}
function formatHours2(hours) {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Number(hours.toPrecision(2))} h`;
  return `${Number((hours / 24).toPrecision(2))} days`;
}
function trim2(value) {
  return Number(value.toPrecision(3)).toString();
}

// src/core/plan/plan-power.ts
var estimatePlanPower = (release, policy, repository) => {
  const requestsPerHour = release.value.spec.traffic?.requestsPerHour ?? repository.config?.value.spec.traffic?.requestsPerHour;
  const byTraffic = cache.get(policy.value) ?? /* @__PURE__ */ new Map();
  cache.set(policy.value, byTraffic);
  const cached = repository.config ? byTraffic.get(requestsPerHour) : void 0;
  if (cached) return cached;
  const views = estimateViews(release.value.metadata.name, policy.value, repository.config?.value.spec.metrics.definitions ?? [], requestsPerHour);
  if (repository.config) byTraffic.set(requestsPerHour, views);
  return views;
};
var cache = /* @__PURE__ */ new WeakMap();
function estimateViews(release, policy, metrics, requestsPerHour) {
  const estimate = estimateStagePower({
    release,
    policy,
    metrics,
    requestsPerHour
  });
  const views = /* @__PURE__ */ new Map();
  for (const stage of estimate.stages) {
    const sized = stage.gates.filter((g) => g.samplesPerArm !== void 0);
    const binding = [...sized].sort((a, b) => (b.hours ?? 0) - (a.hours ?? 0) || (b.samplesPerArm?.canary ?? 0) - (a.samplesPerArm?.canary ?? 0))[0];
    if (!binding && stage.warnings.length === 0) continue;
    views.set(stage.stage, {
      ...binding?.samplesPerArm ? { requiredSamples: binding.samplesPerArm } : {},
      ...binding?.hours !== void 0 && Number.isFinite(binding.hours) ? { hoursNeeded: binding.hours } : {},
      warnings: stage.warnings
    });
  }
  return views;
}

// src/core/problem.ts
function formatProblem(p) {
  const hint = p.hint ? ` (${p.hint})` : "";
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}${hint} [${p.rule}]`;
}
function hasErrors(problems) {
  return problems.some((p) => p.severity === "error");
}

// src/core/report/fit-sections.ts
function fitSections(sections2, max, footer) {
  const whole = sections2.join("\n\n");
  if (whole.length <= max) return whole;
  const kept = [];
  let length = 0;
  for (let i = 0; i < sections2.length; i += 1) {
    const section = sections2[i];
    const tail = footer(sections2.length - i - 1);
    const added = (kept.length > 0 ? 2 : 0) + section.length;
    if (length + added + 2 + tail.length <= max) {
      kept.push(section);
      length += added;
      continue;
    }
    if (kept.length === 0) kept.push(cutAtLine(section, max - 2 - footer(sections2.length - 1).length));
    return `${kept.join("\n\n")}

${footer(sections2.length - kept.length)}`;
  }
  return kept.join("\n\n");
}
function cutAtLine(text, max) {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  const cut = text.lastIndexOf("\n", max);
  return cut > 0 ? text.slice(0, cut) : text.slice(0, max);
}

// src/core/report/markdown.ts
function cell(text) {
  return prose(text).replace(/\|/g, "\\|");
}
function code(text) {
  const flat = text.replace(/\r?\n/g, " ");
  if (!flat.includes("`")) return `\`${flat}\``;
  const longest = Math.max(...(flat.match(/`+/g) ?? [""]).map((run2) => run2.length));
  const fence = "`".repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}
function codeCell(text) {
  return code(text).replace(/\|/g, "\\|");
}
function prose(text) {
  return text.replace(/\r?\n/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@(?=\w)/g, "&#64;");
}
function shortRef(ref) {
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 7) : ref;
}
function plain(text) {
  return text.replace(/`/g, "");
}

// src/core/report/plan-headline.ts
function planHeadline(plan) {
  const count = plan.releases.length;
  const parts = [count === 0 ? "No release changes" : `${count} release${count === 1 ? "" : "s"} change${count === 1 ? "s" : ""}`];
  const weakening = weakeningReleases(plan).length;
  if (weakening > 0) parts.push(`${weakening} weaken${weakening === 1 ? "s its policy" : " their policies"} \u26A0`);
  const orphans = plan.policies.filter((p) => p.usedBy.length === 0).length;
  if (orphans > 0) parts.push(`${orphans} polic${orphans === 1 ? "y changes" : "ies change"} that no release uses`);
  return parts.join(" \xB7 ");
}
function planConclusion(plan) {
  return weakeningReleases(plan).length > 0 ? "neutral" : "success";
}

// src/core/report/plan-markdown.ts
var COMMENT_MAX_CHARS = 65536;
var JOB_SUMMARY_MAX_CHARS = 1e6;
var CHANGE_LABELS = { added: "new", modified: "modified", removed: "removed" };
function rampStep(stage) {
  if (stage.mode === "shadow") return "shadow";
  if (stage.mode === "ring") return `ring ${stage.segment?.values.length ?? 0} + ${formatPercent(stage.share)}`;
  return formatPercent(stage.share);
}
function rampText(release) {
  return release.stages.length > 0 ? release.stages.map(rampStep).join(" \u2192 ") : "\u2014";
}
function exposureText(release) {
  const radius = release.blastRadius;
  if (!radius) return "\u2014";
  if (radius.exposedBeforeFull === void 0) return "unknown (no traffic figure)";
  return `\u2265 ${formatCount(radius.exposedBeforeFull)}${radius.exposureComplete ? "" : " (some stages unbounded)"}`;
}
function timeToFullText(release) {
  const radius = release.blastRadius;
  if (!radius) return "\u2014";
  if (radius.hoursToFull === void 0) return release.stages.some((s) => s.share >= 100) ? "unknown" : "never reaches 100%";
  const watch = radius.watchHours !== void 0 ? ` + ${formatHours(radius.watchHours)} watch` : "";
  return `\u2265 ${formatHours(radius.hoursToFull)}${watch}`;
}
function weakens(release) {
  return release.findings.some((f) => f.severity === "weakening");
}
function where(finding) {
  return finding.at ? ` (${finding.at.file}:${finding.at.line})` : "";
}
function renderPlanOverview(plan) {
  const lines = ["### Glidepath plan", "", `**${planHeadline(plan)}**`];
  if (plan.baseRef !== void 0 || plan.headRef !== void 0) {
    lines.push("", `Base ${code(shortRef(plan.baseRef ?? "?"))} \u2192 head ${code(shortRef(plan.headRef ?? "?"))}.`);
  }
  if (plan.releases.length > 0) {
    lines.push(
      "",
      "| Release | Change | Policy | Ramp | Peak before 100% | Challenger requests before 100% | Time to 100% |",
      "|---|---|---|---|---|---|---|"
    );
    for (const r of plan.releases) {
      const policy = r.policy ? `${codeCell(r.policy.name)}${weakens(r) ? " \u26A0" : ""}` : "\u2014";
      const peak = r.blastRadius ? formatPercent(r.blastRadius.peakShareBeforeFull) : "\u2014";
      lines.push(`| ${codeCell(r.name)} | ${CHANGE_LABELS[r.kind]} | ${policy} | ${cell(rampText(r))} | ${peak} | ${cell(exposureText(r))} | ${cell(timeToFullText(r))} |`);
    }
  }
  const weakening = weakeningReleases(plan);
  if (weakening.length > 0) {
    lines.push("", "#### \u26A0 Weakenings", "");
    for (const r of weakening) {
      lines.push(`- ${code(r.name)} (policy ${code(r.policy?.name ?? "?")}):`);
      for (const f of r.findings.filter((x) => x.severity === "weakening")) lines.push(`  - ${prose(formatFinding(f))}${where(f)}`);
    }
  }
  const orphans = plan.policies.filter((p) => p.usedBy.length === 0);
  if (orphans.length > 0) {
    lines.push("", `Policies changed that no release follows: ${orphans.map((p) => `${code(p.name)} (${CHANGE_LABELS[p.kind]})`).join(", ")}.`);
  }
  return lines.join("\n");
}
function bundleRows(bundle) {
  const rows = ["| | Champion | Challenger |", "|---|---|---|"];
  const same = (changed) => changed ? "" : " (same)";
  rows.push(`| Model | ${codeCell(bundle.model.champion)} | ${codeCell(bundle.model.challenger)}${same(bundle.model.changed)} |`);
  const p = bundle.prompt;
  if (p.champion !== void 0 || p.challenger !== void 0) {
    const stat2 = p.stat ? ` (${formatLineStat(p.stat)})` : p.missing.length > 0 ? ` (not found: ${p.missing.map(codeCell).join(", ")})` : "";
    rows.push(`| Prompt | ${p.champion !== void 0 ? codeCell(p.champion) : "\u2014"} | ${p.challenger !== void 0 ? codeCell(p.challenger) : "\u2014"}${cell(stat2)} |`);
  }
  for (const change of bundle.parameters) {
    const show2 = (v) => v === void 0 ? "\u2014" : codeCell(JSON.stringify(v));
    rows.push(`| ${cell(change.name)} | ${show2(change.champion)} | ${show2(change.challenger)} |`);
  }
  if (bundle.tools.added.length > 0 || bundle.tools.removed.length > 0) {
    const removed = bundle.tools.removed.map((t) => `\u2212${codeCell(t)}`);
    const added = bundle.tools.added.map((t) => `+${codeCell(t)}`);
    rows.push(`| Tools | ${removed.join(" ") || "\u2014"} | ${added.join(" ") || "\u2014"} |`);
  }
  return rows;
}
function stageRows(release) {
  const withPower = release.stages.some((s) => s.power !== void 0);
  const header = ["#", "Stage", "Challenger serves", "Min duration", "Min samples", "Gates", "Approval", "Watch", "Lasts at least", "Challenger requests"];
  if (withPower) header.push("Power");
  const rows = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const s of release.stages) {
    const serves = s.mode === "shadow" ? "mirror only" : s.mode === "ring" ? `${formatPercent(s.share)} + ${s.segment?.attribute ?? "segment"} ${s.segment?.values.join(", ") ?? ""}` : formatPercent(s.share);
    const requests = s.mirroredRequests !== void 0 ? `${formatCount(s.mirroredRequests)} mirrored` : s.servedRequests !== void 0 ? formatCount(s.servedRequests) : "\u2014";
    const cells = [
      String(s.index + 1),
      codeCell(s.name),
      cell(serves),
      s.minDuration ?? "\u2014",
      s.minSamples !== void 0 ? formatCount(s.minSamples) : "\u2014",
      s.gates.length > 0 ? s.gates.map(codeCell).join(", ") : "\u2014",
      s.approval ? "**required**" : "\u2014",
      s.watch ?? "\u2014",
      s.minimumHours !== void 0 ? formatHours(s.minimumHours) : "\u2014",
      requests
    ];
    if (withPower) cells.push(cell(powerText(s)));
    rows.push(`| ${cells.join(" | ")} |`);
  }
  return rows;
}
function powerText(stage) {
  const power = stage.power;
  if (!power) return "\u2014";
  const parts = [];
  if (power.requiredSamples !== void 0) parts.push(`${formatCount(power.requiredSamples.canary)} canary + ${formatCount(power.requiredSamples.control)} control`);
  if (power.hoursNeeded !== void 0) parts.push(`\u2248 ${formatHours(power.hoursNeeded)}`);
  if (power.warnings.length > 0) parts.push("\u26A0");
  return parts.join(" \xB7 ") || "\u2014";
}
function trafficText(release) {
  const radius = release.blastRadius;
  if (!radius || radius.requestsPerHour === void 0) return "no traffic figure (set `spec.traffic.requestsPerHour`)";
  return `${formatCount(radius.requestsPerHour)} req/h${radius.trafficSource === "config" ? " (config default)" : ""}`;
}
function renderReleaseSection(release) {
  const lines = [`#### ${code(release.name)} \u2014 ${CHANGE_LABELS[release.kind]}`, ""];
  if (release.description) lines.push(prose(release.description), "");
  lines.push(`Why it is in this plan: ${release.reasons.map(prose).join("; ")}.`);
  if (release.kind === "removed") {
    lines.push("", `${code(release.file)} is deleted: Glidepath no longer plans or watches this release.`);
    return lines.join("\n");
  }
  const facts = [];
  if (release.owner) facts.push(`owner ${code(release.owner)}`);
  if (release.risk) facts.push(`risk **${release.risk}**`);
  if (release.target) facts.push(`target ${code(release.target.provider)}${release.target.providerType ? ` (${release.target.providerType})` : ""} key ${code(release.target.key)}`);
  facts.push(`traffic ${trafficText(release)}`);
  lines.push("", `${facts.join(" \xB7 ")}.`);
  if (release.bundle) lines.push("", "**Champion \u2192 challenger**", "", ...bundleRows(release.bundle));
  if (!release.policy?.file) {
    lines.push("", `\u26A0 Policy ${code(release.policy?.name ?? "?")} is not defined at head; run \`glidepath validate\`.`);
    return lines.join("\n");
  }
  const switched = release.policy.previous ? ` (was ${code(release.policy.previous)})` : "";
  lines.push("", `**Stages** \u2014 policy ${code(release.policy.name)}${switched}, ${release.policy.strategy ?? ""}`, "", ...stageRows(release));
  const powerWarnings = release.stages.flatMap((s) => (s.power?.warnings ?? []).map((w) => `${code(s.name)}: ${prose(w)}`));
  if (powerWarnings.length > 0) lines.push("", ...powerWarnings.map((w) => `- \u26A0 ${w}`));
  if (release.gates.length > 0) lines.push("", "**Gates**", "", ...release.gates.map((g) => `- ${code(g.name)}: ${prose(g.description)}`));
  lines.push("", "**Rollback** \u2014 any one restores the champion at once:", "", ...release.rollback.map((r) => `- ${prose(r)}`));
  const handling = release.handling;
  const rules = [`deploy window: ${prose(release.window ?? "any time")}`];
  if (handling) rules.push(`on failure: ${handling.onFailure}`, `on no data: ${handling.onNoData}`, `on inconclusive: ${handling.onInconclusive}`);
  lines.push("", `${rules.join(" \xB7 ")}.`);
  if (release.freezes.length > 0) lines.push("", `Freezes: ${release.freezes.map(prose).join("; ")}.`);
  lines.push("", `**Blast radius**: ${blastRadiusText(release)}.`);
  if (release.chart) lines.push("", "<details><summary>Traffic ramp</summary>", "", "```mermaid", release.chart, "```", "", "</details>");
  const others = release.findings.filter((f) => f.severity !== "weakening");
  if (others.length > 0) {
    lines.push("", `<details><summary>Other policy changes (${others.length})</summary>`, "");
    for (const f of others) lines.push(`- ${f.severity === "tightening" ? "tighter" : "changed"}: ${prose(formatFinding(f))}${where(f)}`);
    lines.push("", "</details>");
  }
  return lines.join("\n");
}
function blastRadiusText(release) {
  const r = release.blastRadius;
  if (!r) return "unknown";
  const parts = [`at most ${formatPercent(r.peakShareBeforeFull)} of requests before 100%`];
  if (r.exposedBeforeFull !== void 0) parts.push(`${exposureText(release)} challenger requests before 100%`);
  parts.push(`time to 100% ${timeToFullText(release)}`);
  if (r.tenants.length > 0) parts.push(`${r.tenants.length} tenant${r.tenants.length === 1 ? "" : "s"} in rings (${r.tenants.map(code).join(", ")})`);
  return parts.join(" \xB7 ");
}
function sections(plan) {
  return [renderPlanOverview(plan), ...plan.releases.map(renderReleaseSection)];
}
function renderPlanComment(plan, options) {
  const max = (options.maxChars ?? COMMENT_MAX_CHARS) - options.marker.length - 2;
  const where3 = options.checkRunUrl ? `[${options.checkName ?? "the check run"}](${options.checkRunUrl})` : `the ${code(options.checkName ?? "Glidepath / plan")} check run`;
  const body = fitSections(sections(plan), max, (omitted) => `> The plan is too long for a comment${omitted > 0 ? `: ${omitted} more section${omitted === 1 ? " is" : "s are"} in ` : "; the rest is in "}${where3}.`);
  return `${options.marker}
${body}
`;
}
function renderPlanJobSummary(plan) {
  return `${fitSections(sections(plan), JOB_SUMMARY_MAX_CHARS, (omitted) => `> ${omitted} more section(s) left out: the job summary is limited to 1 MiB.`)}
`;
}

// src/core/report/plan-check.ts
var CHECK_OUTPUT_MAX_CHARS = 65535;
function renderPlanCheck(plan) {
  const overview = renderPlanOverview(plan);
  const summary = overview.length <= CHECK_OUTPUT_MAX_CHARS ? overview : `${cutAtLine(overview, CHECK_OUTPUT_MAX_CHARS - 120)}

> The overview is cut here; run \`glidepath plan\` locally for all of it.`;
  const releaseSections = plan.releases.map(renderReleaseSection);
  const text = releaseSections.length > 0 ? fitSections(releaseSections, CHECK_OUTPUT_MAX_CHARS, (omitted) => `> ${omitted} more release section(s) left out (check runs hold 65,535 characters); the job summary has them all.`) : void 0;
  return {
    conclusion: planConclusion(plan),
    title: planHeadline(plan),
    summary,
    ...text !== void 0 ? { text } : {},
    annotations: weakeningAnnotations(plan)
  };
}
function weakeningAnnotations(plan) {
  const byPlace = /* @__PURE__ */ new Map();
  for (const release of plan.releases) {
    for (const finding of release.findings) {
      if (finding.severity !== "weakening" || !finding.at) continue;
      const text = plain(formatFinding(finding));
      const key2 = `${finding.at.file}\0${finding.at.line}\0${text}`;
      const entry = byPlace.get(key2);
      if (entry) {
        entry.releases.push(release.name);
        continue;
      }
      byPlace.set(key2, {
        annotation: { path: finding.at.file, startLine: finding.at.line, endLine: finding.at.line, level: "warning", title: "Glidepath: rollout policy weakened" },
        finding: text,
        releases: [release.name]
      });
    }
  }
  return [...byPlace.values()].map(({ annotation, finding, releases }) => ({
    ...annotation,
    message: `${finding}. This weakens the rollout of ${releases.join(", ")}.`
  }));
}

// src/core/report/plan-text.ts
function table(rows) {
  const widths = [];
  for (const row3 of rows) row3.forEach((c, i) => {
    widths[i] = Math.max(widths[i] ?? 0, c.length);
  });
  return rows.map((row3) => row3.map((c, i) => i === row3.length - 1 ? c : c.padEnd(widths[i] ?? 0)).join("  ").trimEnd());
}
function bundleLines(release) {
  const b = release.bundle;
  if (!b) return [];
  const lines = [`model: ${b.model.changed ? `${b.model.champion} \u2192 ${b.model.challenger}` : `${b.model.challenger} (same)`}`];
  const p = b.prompt;
  if (p.champion !== void 0 || p.challenger !== void 0) {
    const stat2 = p.stat ? ` (${formatLineStat(p.stat)})` : p.missing.length > 0 ? ` (not found: ${p.missing.join(", ")})` : "";
    lines.push(`prompt: ${p.champion ?? "\u2014"} \u2192 ${p.challenger ?? "\u2014"}${stat2}`);
  }
  for (const c of b.parameters) {
    const show2 = (v) => v === void 0 ? "\u2014" : JSON.stringify(v);
    lines.push(`${c.name}: ${show2(c.champion)} \u2192 ${show2(c.challenger)}`);
  }
  if (b.tools.added.length > 0) lines.push(`tools added: ${b.tools.added.join(", ")}`);
  if (b.tools.removed.length > 0) lines.push(`tools removed: ${b.tools.removed.join(", ")}`);
  return lines;
}
function releaseText(release) {
  const policy = release.policy ? ` \u2014 policy ${release.policy.name}${release.policy.previous ? ` (was ${release.policy.previous})` : ""}${release.policy.strategy ? `, ${release.policy.strategy}` : ""}` : "";
  const lines = [`${release.name} (${CHANGE_LABELS[release.kind]})${policy}`, `  why: ${plain(release.reasons.join("; "))}`];
  if (release.kind === "removed") return [...lines, `  ${release.file} is deleted: Glidepath no longer plans or watches this release.`];
  if (release.target) lines.push(`  target: ${release.target.provider} / ${release.target.key}`);
  lines.push(...bundleLines(release).map((l) => `  ${l}`));
  if (release.stages.length > 0) {
    const withPower = release.stages.some((s) => s.power !== void 0);
    const rows = [["#", "stage", "serves", "min", "samples", "gates", "approval", "watch", "lasts \u2265", "challenger requests", ...withPower ? ["power"] : []]];
    for (const s of release.stages) {
      rows.push([
        String(s.index + 1),
        s.name,
        s.mode === "shadow" ? "mirror" : s.mode === "ring" ? `${formatPercent(s.share)} + ring` : formatPercent(s.share),
        s.minDuration ?? "\u2014",
        s.minSamples !== void 0 ? formatCount(s.minSamples) : "\u2014",
        s.gates.join(", ") || "\u2014",
        s.approval ? "required" : "\u2014",
        s.watch ?? "\u2014",
        s.minimumHours !== void 0 ? formatHours(s.minimumHours) : "\u2014",
        s.mirroredRequests !== void 0 ? `${formatCount(s.mirroredRequests)} mirrored` : s.servedRequests !== void 0 ? formatCount(s.servedRequests) : "\u2014",
        ...withPower ? [powerText(s)] : []
      ]);
    }
    lines.push("  stages:", ...table(rows).map((l) => `    ${l}`));
    for (const s of release.stages) for (const w of s.power?.warnings ?? []) lines.push(`    \u26A0 ${s.name}: ${w}`);
  }
  if (release.rollback.length > 0) lines.push("  rollback when:", ...release.rollback.map((r) => `    - ${r}`));
  if (release.handling) lines.push(`  window: ${release.window ?? "any time"} \xB7 on failure ${release.handling.onFailure} \xB7 on no data ${release.handling.onNoData} \xB7 on inconclusive ${release.handling.onInconclusive}`);
  if (release.blastRadius) {
    lines.push(`  blast radius: \u2264 ${formatPercent(release.blastRadius.peakShareBeforeFull)} before 100% \xB7 challenger requests before 100% ${exposureText(release)} \xB7 time to 100% ${timeToFullText(release)}`);
    if (release.blastRadius.tenants.length > 0) lines.push(`  ring tenants: ${release.blastRadius.tenants.join(", ")}`);
  }
  const weakenings = release.findings.filter((f) => f.severity === "weakening");
  if (weakenings.length > 0) {
    lines.push("  \u26A0 weakens its policy:");
    for (const f of weakenings) lines.push(`    - ${plain(formatFinding(f))}${f.at ? `  (${f.at.file}:${f.at.line})` : ""}`);
  }
  const others = release.findings.filter((f) => f.severity !== "weakening");
  if (others.length > 0) {
    lines.push("  other policy changes:");
    for (const f of others) lines.push(`    - ${f.severity === "tightening" ? "tighter" : "changed"}: ${plain(formatFinding(f))}`);
  }
  return lines;
}
function renderPlanText(plan) {
  const lines = [`Glidepath plan: ${planHeadline(plan)}`];
  if (plan.baseRef !== void 0 || plan.headRef !== void 0) lines.push(`base ${shortRef(plan.baseRef ?? "?")} \u2192 head ${shortRef(plan.headRef ?? "?")}`);
  if (plan.releases.length > 0) {
    lines.push("", ...table([
      ["release", "change", "ramp", "time to 100%"],
      ...plan.releases.map((r) => [r.name, CHANGE_LABELS[r.kind], rampText(r), timeToFullText(r)])
    ]));
  }
  for (const release of plan.releases) lines.push("", ...releaseText(release));
  const orphans = plan.policies.filter((p) => p.usedBy.length === 0);
  if (orphans.length > 0) lines.push("", `policies changed that no release follows: ${orphans.map((p) => p.name).join(", ")}`);
  return `${lines.join("\n")}
`;
}

// src/core/validate/annotations.ts
function problemsToAnnotations(problems) {
  return problems.map((p) => ({
    path: p.file,
    startLine: p.line,
    endLine: p.line,
    startColumn: p.col,
    endColumn: p.col,
    level: p.severity === "error" ? "failure" : "warning",
    message: p.hint ? `${p.message} (${p.hint})` : p.message,
    title: `Glidepath ${p.rule}`
  }));
}

// src/core/yaml/line-index.ts
var LineIndex = class {
  constructor(text) {
    this.text = text;
  }
  text;
  #starts;
  position(offset) {
    const starts = this.#lineStarts();
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - starts[lo] + 1 };
  }
  #lineStarts() {
    if (this.#starts) return this.#starts;
    const starts = [0];
    for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.#starts = starts;
    return starts;
  }
};

// src/core/yaml/source-map.ts
function findSourceNode(root, path) {
  let node = root;
  for (const segment of path) {
    const child = node.children?.get(segment) ?? (typeof segment === "number" ? void 0 : node.children?.get(Number(segment)));
    if (!child) return { node, exact: false };
    node = child;
  }
  return { node, exact: true };
}

// src/core/validate/rules/config-rules.ts
var NAMED_LISTS = [
  { path: ["spec", "providers"], noun: "provider", get: (c) => c.spec.providers },
  { path: ["spec", "metrics", "sources"], noun: "metric source", get: (c) => c.spec.metrics.sources },
  { path: ["spec", "metrics", "definitions"], noun: "metric", get: (c) => c.spec.metrics.definitions }
];
var uniqueConfigNames = ({ repository: { config } }) => {
  if (!config) return [];
  const problems = [];
  for (const list of NAMED_LISTS) {
    const first = /* @__PURE__ */ new Map();
    list.get(config.value).forEach((item, index) => {
      const earlier = first.get(item.name);
      if (earlier === void 0) {
        first.set(item.name, index);
        return;
      }
      const line2 = config.locate([...list.path, earlier, "name"]).line;
      problems.push(config.report({
        path: [...list.path, index, "name"],
        at: "value",
        severity: "error",
        rule: "config/duplicate-name",
        message: `${list.noun} name \`${item.name}\` is used twice (first on line ${line2})`,
        hint: `rename one of them; names in ${list.path.join(".")} must be unique`
      }));
    });
  }
  return problems;
};
var metricSourcesExist = ({ repository: { config } }) => {
  if (!config) return [];
  const sources = config.value.spec.metrics.sources.map((s) => s.name);
  const problems = [];
  config.value.spec.metrics.definitions.forEach((definition, index) => {
    if (sources.includes(definition.source)) return;
    problems.push(config.report({
      path: ["spec", "metrics", "definitions", index, "source"],
      at: "value",
      severity: "error",
      rule: "config/unknown-source",
      message: `metric \`${definition.name}\` reads from source \`${definition.source}\`, which spec.metrics.sources does not define`,
      hint: didYouMean(definition.source, sources) ?? `defined sources: ${sources.join(", ")}`
    }));
  });
  return problems;
};
var configPathsInsideRepository = ({ repository: { config } }) => {
  if (!config) return [];
  const problems = [];
  config.value.spec.providers.forEach((provider, index) => {
    checkPath2(config, ["spec", "providers", index, "path"], provider.path, problems);
  });
  config.value.spec.metrics.sources.forEach((source, index) => {
    checkPath2(config, ["spec", "metrics", "sources", index, "path"], source.path.replace(/\{(release|stage)\}/g, "x"), problems);
  });
  return problems;
};
function checkPath2(config, path, value, problems) {
  const reason = findRepoPathProblem(value);
  if (!reason) return;
  problems.push(config.report({ path, at: "value", severity: "error", rule: "path/outside-repository", message: `\`${formatFieldPath(path)}\` ${reason}` }));
}
var configRules = [uniqueConfigNames, metricSourcesExist, configPathsInsideRepository];

// src/core/validate/rules/policy-metric-rules.ts
var TESTS_FOR = {
  proportion: ["proportions"],
  continuous: ["welch", "mann-whitney", "quantile"]
};
var LOOSE_RELATIVE = 1;
var LOOSE_POINTS = 0.5;
function metricReference(policy, path, metric, owner, metrics, problems) {
  const definition = metrics.get(metric);
  if (definition) return definition;
  problems.push(policy.report({
    path,
    at: "value",
    severity: "error",
    rule: "policy/unknown-metric",
    message: `${owner} uses metric \`${metric}\`, which glidepath.yaml does not define`,
    hint: didYouMean(metric, metrics.keys()) ?? `defined metrics: ${[...metrics.keys()].join(", ")}`
  }));
  return void 0;
}
function checkMarginUnit(policy, path, field, margin, owner, definition, problems) {
  const parsed = parseMargin(margin);
  if (parsed?.kind !== "points" || definition.type === "proportion") return;
  problems.push(policy.report({
    path,
    at: "value",
    severity: "error",
    rule: "policy/margin-unit",
    message: `${owner} gives \`${field}\` in percentage points (\`${String(margin)}\`), but \`${definition.name}\` is a continuous metric, not a rate`,
    hint: `use a relative margin such as \`10%\`, or a number in the metric's unit${definition.unit ? ` (${definition.unit})` : ""}`
  }));
}
function checkGate(policy, name, gate, metrics, problems) {
  const base = ["spec", "gates", name];
  const owner = `gate \`${name}\``;
  const versus = gate.versus ?? (gate.test === "quantile" ? "absolute" : "control");
  const report = (field, severity, rule, message, hint) => {
    problems.push(policy.report({ path: field ? [...base, field] : base, at: field ? "value" : "key", severity, rule, message, hint }));
  };
  if (gate.test === "quantile") {
    if (gate.quantile === void 0) report(void 0, "error", "policy/gate-quantile", `${owner} uses the quantile test but names no \`quantile\``, "add `quantile:` such as 0.99 for p99");
    if (versus === "control") report("versus", "error", "policy/gate-versus", `${owner} uses the quantile test, which checks a quantile against an absolute bound, not against control`, "remove `versus: control` and set `max` or `min`; use `mann-whitney` to compare the whole distribution with control");
  } else if (gate.quantile !== void 0) {
    report("quantile", "warning", "policy/gate-quantile", `${owner} sets \`quantile\`, which only the quantile test uses; it is ignored`, "remove `quantile`, or use `test: quantile`");
  }
  if (versus === "absolute" && gate.max === void 0 && gate.min === void 0) {
    report(void 0, "error", "policy/gate-bound", `${owner} compares with an absolute bound but sets neither \`max\` nor \`min\``, "add `max:` (for lower-is-better metrics) or `min:` (for higher-is-better metrics)");
  }
  if (versus === "control" && gate.test !== "quantile") {
    if (gate.maxIncrease === void 0 && gate.nonInferiority === void 0) {
      report(void 0, "error", "policy/gate-margin", `${owner} compares with control but states no margin`, "add `maxIncrease` (fail when worse by more than this) or `nonInferiority` (pass only when shown no worse than this)");
    } else if (gate.maxIncrease !== void 0 && gate.nonInferiority !== void 0) {
      report("nonInferiority", "warning", "policy/gate-margin", `${owner} sets both \`maxIncrease\` and \`nonInferiority\`; they put the burden of proof on different sides`, "keep one: `maxIncrease` fails on evidence of harm, `nonInferiority` passes only on evidence of no harm");
    }
  }
  for (const field of ["maxIncrease", "nonInferiority"]) {
    const margin = gate[field];
    if (margin === void 0) continue;
    const parsed = parseMargin(margin);
    if (!parsed) continue;
    if (field === "maxIncrease" && parsed.value === 0) {
      report(field, "warning", "policy/margin-zero", `${owner} has \`maxIncrease: ${String(margin)}\`, so any detectable increase fails it, however small`, "state the increase you can live with, such as `0.5pp` or `5%`");
    } else if (parsed.kind === "relative" && parsed.value > LOOSE_RELATIVE || parsed.kind === "points" && parsed.value > LOOSE_POINTS) {
      report(field, "warning", "policy/margin-loose", `${owner} allows the challenger to be worse by ${formatMargin(parsed)}; this gate can barely fail`, parsed.kind === "points" ? "margins in percentage points are usually a few pp" : "relative margins are usually a few percent");
    }
  }
  if (!metrics) return;
  const definition = metricReference(policy, [...base, "metric"], gate.metric, owner, metrics, problems);
  if (!definition) return;
  if (!TESTS_FOR[definition.type].includes(gate.test)) {
    const suitable = TESTS_FOR[definition.type];
    report("test", "error", "policy/gate-test", `${owner} uses the \`${gate.test}\` test on \`${definition.name}\`, a ${definition.type} metric`, `use ${suitable.map((t) => `\`${t}\``).join(", ")} for ${definition.type} metrics`);
  }
  for (const field of ["maxIncrease", "nonInferiority"]) {
    const margin = gate[field];
    if (margin !== void 0) checkMarginUnit(policy, [...base, field], field, margin, owner, definition, problems);
  }
}
var CONDITIONS = ["above", "below", "increase", "drop"];
function checkRollback(policy, index, criterion, metrics, problems) {
  const base = ["spec", "rollback", index];
  const owner = `rollback criterion ${index + 1} (\`${criterion.metric}\`)`;
  const present = CONDITIONS.filter((c) => criterion[c] !== void 0);
  if (present.length !== 1) {
    problems.push(policy.report({
      path: present.length === 0 ? base : [...base, present[1]],
      at: present.length === 0 ? "value" : "key",
      severity: "error",
      rule: "policy/rollback-condition",
      message: present.length === 0 ? `${owner} has no condition` : `${owner} has ${present.length} conditions (${present.join(", ")})`,
      hint: "give exactly one of `above`, `below`, `increase`, `drop`; write several criteria for several conditions"
    }));
  }
  if (!metrics) return;
  const definition = metricReference(policy, [...base, "metric"], criterion.metric, owner, metrics, problems);
  if (!definition) return;
  if (criterion.quantile !== void 0 && definition.type !== "continuous") {
    problems.push(policy.report({
      path: [...base, "quantile"],
      at: "value",
      severity: "error",
      rule: "policy/rollback-quantile",
      message: `${owner} judges a quantile, but \`${definition.name}\` is a proportion metric, which has no quantiles`,
      hint: "remove `quantile`; the criterion then judges the rate"
    }));
  }
  for (const field of ["increase", "drop"]) {
    const margin = criterion[field];
    if (margin !== void 0) checkMarginUnit(policy, [...base, field], field, margin, owner, definition, problems);
  }
}
var gatesAndRollbacks = ({ repository, metrics }) => {
  const problems = [];
  for (const policy of repository.policies.values()) {
    for (const [name, gate] of Object.entries(policy.value.spec.gates ?? {})) checkGate(policy, name, gate, metrics, problems);
    policy.value.spec.rollback.forEach((criterion, index) => checkRollback(policy, index, criterion, metrics, problems));
  }
  return problems;
};
var policyMetricRules = [gatesAndRollbacks];

// src/core/validate/rules/policy-schedule-rules.ts
var knownZones;
var checkedZones = /* @__PURE__ */ new Map();
function timeZones() {
  knownZones ??= /* @__PURE__ */ new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return knownZones;
}
function isTimeZone(zone) {
  const known = checkedZones.get(zone);
  if (known !== void 0) return known;
  let valid = timeZones().has(zone);
  if (!valid && /^[A-Za-z]/.test(zone)) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
  }
  checkedZones.set(zone, valid);
  return valid;
}
function minutesOf(text) {
  const match = /^([0-9]{2}):([0-9]{2})$/.exec(text);
  if (!match) return void 0;
  const hours = Number(match[1]);
  const minutes2 = Number(match[2]);
  if (minutes2 > 59 || hours > 24 || hours === 24 && minutes2 !== 0) return void 0;
  return hours * 60 + minutes2;
}
var deployWindow = ({ repository }) => {
  const problems = [];
  for (const policy of repository.policies.values()) {
    const window = policy.value.spec.window;
    if (!window) continue;
    if (window.hours !== void 0) {
      const [from = "", until = ""] = window.hours.split("-");
      const start = minutesOf(from);
      const end = minutesOf(until);
      if (start === void 0 || end === void 0 || start >= 24 * 60) {
        problems.push(policy.report({
          path: ["spec", "window", "hours"],
          at: "value",
          severity: "error",
          rule: "policy/window-hours",
          message: `deploy window hours \`${window.hours}\` are not a time range`,
          hint: "write `HH:MM-HH:MM` in 24-hour time, such as `09:00-16:00` (24:00 may end the day)"
        }));
      } else if (start >= end) {
        problems.push(policy.report({
          path: ["spec", "window", "hours"],
          at: "value",
          severity: "error",
          rule: "policy/window-hours",
          message: `deploy window \`${window.hours}\` ends before it starts`,
          hint: "the start must be earlier than the end on the same day; windows across midnight are not supported"
        }));
      }
    }
    if (!isTimeZone(window.timezone)) {
      const guess = suggest(window.timezone, timeZones());
      problems.push(policy.report({
        path: ["spec", "window", "timezone"],
        at: "value",
        severity: "error",
        rule: "policy/window-timezone",
        message: `\`${window.timezone.slice(0, 64)}\` is not an IANA time zone`,
        hint: guess ? `did you mean \`${guess}\`?` : "use a zone such as `Europe/Berlin`, `America/New_York` or `UTC`"
      }));
    }
  }
  return problems;
};
var freezePeriods = ({ repository }) => {
  const problems = [];
  for (const policy of repository.policies.values()) {
    (policy.value.spec.freezes ?? []).forEach((freeze, index) => {
      const from = Date.parse(freeze.from);
      const until = Date.parse(freeze.until);
      if (Number.isNaN(from) || Number.isNaN(until) || from < until) return;
      problems.push(policy.report({
        path: ["spec", "freezes", index, "until"],
        at: "value",
        severity: "error",
        rule: "policy/freeze-order",
        message: `freeze ${index + 1} ends (${freeze.until}) before it starts (${freeze.from})`,
        hint: "`until` must be later than `from`"
      }));
    });
  }
  return problems;
};
var policyScheduleRules = [deployWindow, freezePeriods];

// src/core/validate/rules/policy-stage-rules.ts
function eachPolicy(check) {
  return ({ repository }) => {
    const problems = [];
    for (const policy of repository.policies.values()) check(policy, problems);
    return problems;
  };
}
var stagePath = (index, ...rest) => ["spec", "stages", index, ...rest];
function isShadow(stage) {
  return stage.mode === "shadow";
}
var uniqueStageNames = eachPolicy((policy, problems) => {
  const first = /* @__PURE__ */ new Map();
  policy.value.spec.stages.forEach((stage, index) => {
    const earlier = first.get(stage.name);
    if (earlier === void 0) {
      first.set(stage.name, index);
      return;
    }
    problems.push(policy.report({
      path: stagePath(index, "name"),
      at: "value",
      severity: "error",
      rule: "policy/duplicate-stage",
      message: `stage name \`${stage.name}\` is used twice in this policy (stages ${earlier + 1} and ${index + 1})`,
      hint: "give each stage its own name"
    }));
  });
});
var gateReferences = eachPolicy((policy, problems) => {
  const gates = Object.keys(policy.value.spec.gates ?? {});
  const used = /* @__PURE__ */ new Set();
  policy.value.spec.stages.forEach((stage, index) => {
    (stage.gates ?? []).forEach((gate, g) => {
      used.add(gate);
      if (gates.includes(gate)) return;
      problems.push(policy.report({
        path: ["spec", "stages", index, "gates", g],
        at: "value",
        severity: "error",
        rule: "policy/unknown-gate",
        message: `stage \`${stage.name}\` lists gate \`${gate}\`, which spec.gates does not define`,
        hint: didYouMean(gate, gates) ?? (gates.length > 0 ? `defined gates: ${gates.join(", ")}` : "define it under spec.gates")
      }));
    });
  });
  for (const gate of gates) {
    if (used.has(gate)) continue;
    problems.push(policy.report({
      path: ["spec", "gates", gate],
      at: "key",
      severity: "warning",
      rule: "policy/unused-gate",
      message: `gate \`${gate}\` is defined but no stage lists it, so it never runs`,
      hint: "add it to the `gates` of the stages it should guard, or remove it"
    }));
  }
});
var stageWeights = eachPolicy((policy, problems) => {
  const { strategy, stages } = policy.value.spec;
  let previous;
  stages.forEach((stage, index) => {
    if (isShadow(stage)) {
      if (stage.weight !== void 0 && stage.weight > 0) {
        problems.push(policy.report({
          path: stagePath(index, "weight"),
          at: "value",
          severity: "error",
          rule: "policy/shadow-weight",
          message: `shadow stage \`${stage.name}\` has weight ${stage.weight}, but a shadow stage serves nobody: the challenger only sees mirrored requests`,
          hint: "remove `weight`, or make it a traffic stage (`mode: traffic`)"
        }));
      }
      if (previous) {
        problems.push(policy.report({
          path: stagePath(index, "mode"),
          at: "value",
          severity: "error",
          rule: "policy/weights-increase",
          message: `shadow stage \`${stage.name}\` comes after traffic stage \`${previous.stage.name}\` (${previous.weight}%); shadow stages go before any traffic moves`,
          hint: "move the shadow stage to the start of the list"
        }));
      }
      return;
    }
    const weight = stage.weight ?? (stage.segment ? 0 : void 0);
    if (weight === void 0) {
      problems.push(policy.report({
        path: stagePath(index),
        at: "value",
        severity: "error",
        rule: "policy/missing-weight",
        message: `traffic stage \`${stage.name}\` has no \`weight\``,
        hint: "add `weight:` (percent of requests the challenger serves), or `mode: shadow` for a mirrored stage"
      }));
      return;
    }
    if (previous && (weight < previous.weight || weight === previous.weight && !stage.segment)) {
      const relation = weight < previous.weight ? "less than" : "the same as";
      problems.push(policy.report({
        path: stagePath(index, "weight"),
        at: "value",
        severity: "error",
        rule: "policy/weights-increase",
        message: `stage \`${stage.name}\` sends ${weight}% to the challenger, ${relation} stage \`${previous.stage.name}\` before it (${previous.weight}%); weights must increase from stage to stage`,
        hint: weight === previous.weight ? "raise the weight, merge the two stages, or widen a ring with `segment`" : "order the stages by weight"
      }));
    }
    previous = { stage, index, weight };
  });
  const lastIndex = stages.length - 1;
  const last = stages[lastIndex];
  if (!last || strategy === "ab") return;
  const lastWeight = isShadow(last) ? 0 : last.weight;
  if (lastWeight !== void 0 && lastWeight !== 100) {
    problems.push(policy.report({
      path: last.weight === void 0 ? stagePath(lastIndex) : stagePath(lastIndex, "weight"),
      at: "value",
      severity: "error",
      rule: "policy/last-stage-full",
      message: `the last stage \`${last.name}\` sends ${lastWeight}% to the challenger; a \`${strategy}\` rollout ends at 100%`,
      hint: "add a final stage with `weight: 100`, or use `strategy: ab` for a standing split"
    }));
  }
});
var strategyMatchesStages = eachPolicy((policy, problems) => {
  const { strategy, stages } = policy.value.spec;
  const first = stages[0];
  if (strategy === "shadow-then-canary" && first && !isShadow(first)) {
    problems.push(policy.report({
      path: stagePath(0),
      at: "value",
      severity: "error",
      rule: "policy/shadow-first",
      message: `a \`shadow-then-canary\` policy starts with a shadow stage, but stage \`${first.name}\` shifts traffic`,
      hint: "add a first stage with `mode: shadow`, or use `strategy: canary`"
    }));
  }
  if (strategy !== "shadow-then-canary" && strategy !== "blue-green") {
    const index = stages.findIndex(isShadow);
    if (index !== -1) {
      problems.push(policy.report({
        path: stagePath(index, "mode"),
        at: "value",
        severity: "warning",
        rule: "policy/strategy-mismatch",
        message: `stage \`${stages[index].name}\` is a shadow stage, but the strategy is \`${strategy}\``,
        hint: "use `strategy: shadow-then-canary` so that plans and reports describe the rollout correctly"
      }));
    }
  }
});
var watchOnLastStage = eachPolicy((policy, problems) => {
  const { stages } = policy.value.spec;
  stages.forEach((stage, index) => {
    if (stage.watch === void 0 || index === stages.length - 1) return;
    problems.push(policy.report({
      path: stagePath(index, "watch"),
      at: "key",
      severity: "error",
      rule: "policy/watch-last",
      message: `stage \`${stage.name}\` has \`watch\`, which only the last stage may have`,
      hint: "use `minDuration` for bake time in earlier stages"
    }));
  });
});
var stageDurations = eachPolicy((policy, problems) => {
  policy.value.spec.stages.forEach((stage, index) => {
    const parsed = {};
    for (const field of ["minDuration", "maxDuration", "watch"]) {
      const text = stage[field];
      if (text === void 0) continue;
      const ms = parseDuration(text);
      if (ms === void 0) {
        problems.push(policy.report({
          path: stagePath(index, field),
          at: "value",
          severity: "error",
          rule: "policy/duration",
          message: `\`${field}\` of stage \`${stage.name}\` is not a duration Glidepath can use`,
          hint: "write it like `30m`, `24h`, `2d` or `1h30m`"
        }));
      } else {
        parsed[field] = ms;
      }
    }
    if (parsed.minDuration !== void 0 && parsed.maxDuration !== void 0 && parsed.minDuration > parsed.maxDuration) {
      problems.push(policy.report({
        path: stagePath(index, "maxDuration"),
        at: "value",
        severity: "error",
        rule: "policy/duration-order",
        message: `stage \`${stage.name}\` must last at least ${stage.minDuration} but at most ${stage.maxDuration}`,
        hint: "make maxDuration at least as long as minDuration"
      }));
    }
  });
});
var policyStageRules = [uniqueStageNames, gateReferences, stageWeights, strategyMatchesStages, watchOnLastStage, stageDurations];

// src/core/validate/rules/release-rules.ts
var policyExists = ({ repository, knownPolicies }) => {
  const problems = [];
  const names = [...knownPolicies];
  for (const release of repository.releases.values()) {
    const policy = release.value.spec.policy;
    if (knownPolicies.has(policy)) continue;
    problems.push(release.report({
      path: ["spec", "policy"],
      at: "value",
      severity: "error",
      rule: "release/unknown-policy",
      message: `release \`${release.value.metadata.name}\` follows policy \`${policy}\`, which no file in policies/ defines`,
      hint: didYouMean(policy, names) ?? (names.length > 0 ? `defined policies: ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", \u2026" : ""}` : "add a RolloutPolicy under policies/")
    }));
  }
  return problems;
};
var providerExists = ({ repository }) => {
  const config = repository.config;
  if (!config) return [];
  const providers = config.value.spec.providers.map((p) => p.name);
  const problems = [];
  for (const release of repository.releases.values()) {
    const provider = release.value.spec.target.provider;
    if (providers.includes(provider)) continue;
    problems.push(release.report({
      path: ["spec", "target", "provider"],
      at: "value",
      severity: "error",
      rule: "release/unknown-provider",
      message: `release \`${release.value.metadata.name}\` shifts traffic through provider \`${provider}\`, which glidepath.yaml does not define`,
      hint: didYouMean(provider, providers) ?? `defined providers: ${providers.join(", ")}`
    }));
  }
  return problems;
};
var promptFiles = ({ repository, paths }) => {
  const problems = [];
  for (const release of repository.releases.values()) {
    for (const bundle of ["champion", "challenger"]) {
      const prompt = release.value.spec[bundle].prompt;
      if (prompt === void 0) continue;
      const path = ["spec", bundle, "prompt"];
      const reason = findRepoPathProblem(prompt);
      if (reason) {
        problems.push(release.report({ path, at: "value", severity: "error", rule: "path/outside-repository", message: `the ${bundle}'s prompt path ${reason}` }));
        continue;
      }
      const normalized = normalizeRepoPath(prompt);
      if (repository.files.has(normalized)) continue;
      problems.push(release.report({
        path,
        at: "value",
        severity: "error",
        rule: "release/missing-prompt",
        message: `the ${bundle}'s prompt file \`${normalized}\` does not exist`,
        hint: didYouMean(normalized, paths) ?? "paths are relative to the repository root"
      }));
    }
  }
  return problems;
};
function fullStageIndex(policy) {
  const index = policy.spec.stages.findIndex((s) => s.mode !== "shadow" && s.weight === 100);
  return index === -1 ? policy.spec.stages.length - 1 : index;
}
var highRiskNeedsApproval = ({ repository }) => {
  const problems = [];
  for (const release of repository.releases.values()) {
    if (release.value.spec.risk !== "high") continue;
    const policy = repository.policies.get(release.value.spec.policy);
    if (!policy) continue;
    const full = fullStageIndex(policy.value);
    const stages = policy.value.spec.stages;
    if (stages.slice(0, full + 1).some((s) => s.approval === "required")) continue;
    const fullStage = stages[full];
    problems.push(release.report({
      path: ["spec", "risk"],
      at: "value",
      severity: "error",
      rule: "release/high-risk-approval",
      message: `release \`${release.value.metadata.name}\` is high-risk, but its policy \`${policy.value.metadata.name}\` (${policy.file}) reaches ${fullStage?.weight ?? "its last stage"}${fullStage?.weight !== void 0 ? "%" : ""} without an approval`,
      hint: `add \`approval: required\` to stage \`${fullStage?.name ?? "the last stage"}\` or an earlier one, or follow a policy that has it`
    }));
  }
  return problems;
};
var releaseRules = [policyExists, providerExists, promptFiles, highRiskNeedsApproval];

// src/core/validate/rules/index.ts
var semanticRules = [
  ...configRules,
  ...policyStageRules,
  ...policyScheduleRules,
  ...policyMetricRules,
  ...releaseRules
];

// schemas/common.schema.json
var common_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://glidepath.dev/schemas/v1/common.schema.json",
  title: "GlidepathCommon",
  description: "Definitions shared by every Glidepath file.",
  definitions: {
    apiVersion: {
      description: "Version of the Glidepath file format. Always `glidepath.dev/v1`.",
      type: "string",
      const: "glidepath.dev/v1"
    },
    name: {
      description: "A lower-case name: letters, digits and dashes, starting and ending with a letter or digit, at most 63 characters.",
      type: "string",
      pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
    },
    metadata: {
      description: "Identity of the document.",
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: { $ref: "#/definitions/name", description: "Unique name of the document among documents of its kind." },
        description: { type: "string", maxLength: 2e3, description: "What this document is for, for humans." },
        labels: {
          description: "Free-form labels (team, product, cost centre) carried into plans and audit records.",
          type: "object",
          propertyNames: { pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$" },
          additionalProperties: { type: "string", maxLength: 256 }
        }
      }
    },
    duration: {
      description: "A duration such as `30m`, `24h`, `2d` or `1h30m`. Units: ms, s, m, h, d.",
      type: "string",
      pattern: "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$"
    },
    margin: {
      description: "How much worse the challenger may be: `0.5pp` (absolute percentage points, for rates), `10%` (relative to control), or a number (absolute, in the metric's unit).",
      oneOf: [
        { type: "string", pattern: "^[0-9]+(\\.[0-9]+)?(pp|%)$" },
        { type: "number", minimum: 0 }
      ]
    },
    envVarName: {
      description: "Name of an environment variable that holds a secret. Secrets are never written in YAML.",
      type: "string",
      pattern: "^[A-Z_][A-Z0-9_]*$"
    },
    repoPath: {
      description: "A path relative to the repository root, using forward slashes; it must stay inside the repository.",
      type: "string",
      minLength: 1,
      maxLength: 1024
    },
    traffic: {
      description: "Expected traffic, used to estimate how long each stage needs to detect the margins its gates care about.",
      type: "object",
      additionalProperties: false,
      required: ["requestsPerHour"],
      properties: {
        requestsPerHour: { type: "number", exclusiveMinimum: 0, description: "Requests per hour across all arms (the whole service, before any split)." }
      }
    }
  }
};

// schemas/config.schema.json
var config_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://glidepath.dev/schemas/v1/config.schema.json",
  title: "GlidepathConfig",
  description: "`glidepath.yaml` at the repository root: where traffic is shifted (providers) and where numbers come from (metric sources and definitions).",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { $ref: "common.schema.json#/definitions/apiVersion" },
    kind: { type: "string", const: "Config", description: "Always `Config` for `glidepath.yaml`." },
    metadata: { $ref: "common.schema.json#/definitions/metadata" },
    spec: {
      type: "object",
      description: "The configuration.",
      additionalProperties: false,
      required: ["providers", "metrics"],
      properties: {
        stateBranch: {
          type: "string",
          default: "glidepath/state",
          pattern: "^[A-Za-z0-9._/-]{1,200}$",
          description: "Branch that holds rollout state and the audit log. Written only by Glidepath, with compare-and-swap on its head."
        },
        providers: {
          type: "array",
          minItems: 1,
          description: "Where traffic is shifted. Releases name one in `spec.target.provider`.",
          items: { $ref: "#/definitions/provider" }
        },
        metrics: {
          type: "object",
          additionalProperties: false,
          required: ["sources", "definitions"],
          description: "Where metric values come from and what each metric means.",
          properties: {
            sources: {
              type: "array",
              minItems: 1,
              description: "Metric sources.",
              items: { $ref: "#/definitions/metricSource" }
            },
            definitions: {
              type: "array",
              minItems: 1,
              description: "Metrics that gates and rollback criteria refer to by name.",
              items: { $ref: "#/definitions/metricDefinition" }
            }
          }
        },
        traffic: { $ref: "common.schema.json#/definitions/traffic", description: "Default expected traffic for releases that do not state their own." },
        approvers: {
          type: "array",
          description: "GitHub users (`octocat`) or teams (`@org/team`) allowed to approve where a policy asks for approval, unless the policy names its own.",
          items: { type: "string", pattern: "^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$" },
          uniqueItems: true
        }
      }
    }
  },
  definitions: {
    provider: {
      description: "A traffic provider: a feature-flag service, a model endpoint or an LLM gateway.",
      type: "object",
      required: ["type"],
      discriminator: { propertyName: "type" },
      oneOf: [
        { $ref: "#/definitions/flagdProvider" }
      ]
    },
    flagdProvider: {
      title: "FlagdProvider",
      description: "OpenFeature flagd: Glidepath writes a flagd flag-definition file whose `fractional` targeting splits traffic. flagd (or any OpenFeature flagd provider) watches or syncs the file.",
      type: "object",
      additionalProperties: false,
      required: ["name", "type", "path"],
      properties: {
        name: { $ref: "common.schema.json#/definitions/name", description: "Name releases use in `spec.target.provider`." },
        type: { type: "string", const: "flagd", description: "Provider type." },
        description: { type: "string", maxLength: 2e3, description: "What this provider is, for humans." },
        path: { $ref: "common.schema.json#/definitions/repoPath", description: "The flag-definition file Glidepath writes, relative to the repository root (flagd watches it, or syncs it from git)." },
        bucketBy: { type: "string", default: "targetingKey", maxLength: 200, description: "Evaluation-context attribute that keeps a user on one arm (flagd `fractional` bucketing key)." }
      }
    },
    metricSource: {
      description: "A metrics source.",
      type: "object",
      required: ["type"],
      discriminator: { propertyName: "type" },
      oneOf: [
        { $ref: "#/definitions/fileMetricSource" }
      ]
    },
    fileMetricSource: {
      title: "FileMetricSource",
      description: "Metrics exported to a JSON or CSV file by an earlier workflow step (a warehouse query, an eval run). See docs/metrics-file-format.md.",
      type: "object",
      additionalProperties: false,
      required: ["name", "type", "path"],
      properties: {
        name: { $ref: "common.schema.json#/definitions/name", description: "Name metric definitions use in `source`." },
        type: { type: "string", const: "file", description: "Source type." },
        description: { type: "string", maxLength: 2e3, description: "What this source is, for humans." },
        path: { type: "string", minLength: 1, maxLength: 1024, description: "File to read, relative to the repository root. `{release}` and `{stage}` are replaced by the release and stage names." }
      }
    },
    metricDefinition: {
      title: "MetricDefinition",
      description: "A metric: what it measures, which way is worse, and where it comes from.",
      type: "object",
      additionalProperties: false,
      required: ["name", "source", "type", "direction"],
      properties: {
        name: { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$", description: "Name gates and rollback criteria use (snake_case)." },
        source: { $ref: "common.schema.json#/definitions/name", description: "The metric source it is read from." },
        type: { type: "string", enum: ["proportion", "continuous"], description: "`proportion`: a rate of events per request (errors, task completion, refusals), read as successes and trials. `continuous`: a value per request (latency, cost, tokens), read as samples, sufficient statistics or histogram buckets." },
        direction: { type: "string", enum: ["lower-is-better", "higher-is-better"], description: "Which way is better, so that margins and rollback criteria know which way is worse." },
        unit: { type: "string", maxLength: 40, description: "Unit shown in reports (`ms`, `USD`, `tokens`)." },
        query: { type: "string", maxLength: 4e3, description: "What the source is asked for. For a file source: the metric's key in the file (default: the metric name)." },
        description: { type: "string", maxLength: 2e3, description: "What the metric measures, for humans." }
      }
    }
  }
};

// schemas/release.schema.json
var release_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://glidepath.dev/schemas/v1/release.schema.json",
  title: "Release",
  description: "`releases/*.yaml`: one model or prompt change. A pull request that edits a Release is a rollout request.",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { $ref: "common.schema.json#/definitions/apiVersion" },
    kind: { type: "string", const: "Release", description: "Always `Release`." },
    metadata: { $ref: "common.schema.json#/definitions/metadata" },
    spec: {
      type: "object",
      description: "The release.",
      additionalProperties: false,
      required: ["policy", "target", "champion", "challenger"],
      properties: {
        policy: { $ref: "common.schema.json#/definitions/name", description: "Name of the RolloutPolicy it follows." },
        owner: { type: "string", maxLength: 200, description: "Who answers for this release (a GitHub user or team)." },
        risk: { type: "string", enum: ["low", "medium", "high"], default: "medium", description: "`high` requires an approval before 100% traffic." },
        target: {
          type: "object",
          additionalProperties: false,
          required: ["provider", "key"],
          description: "Where the split lives.",
          properties: {
            provider: { $ref: "common.schema.json#/definitions/name", description: "Name of a provider in `glidepath.yaml`." },
            key: { type: "string", minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9][A-Za-z0-9._:/-]*$", description: "The provider's resource: a flag key, an endpoint name or a gateway config id." }
          }
        },
        traffic: { $ref: "common.schema.json#/definitions/traffic" },
        champion: { $ref: "#/definitions/bundle" },
        challenger: { $ref: "#/definitions/bundle" }
      }
    }
  },
  definitions: {
    bundle: {
      title: "Bundle",
      description: "Everything that decides a model's behaviour: model id, prompt, decoding parameters and tools. `champion` is what serves today; `challenger` is what this release ships.",
      type: "object",
      additionalProperties: false,
      required: ["model"],
      properties: {
        model: { type: "string", minLength: 1, maxLength: 300, description: "Model id as the serving side knows it, such as `openai/gpt-4o-2024-08-06`." },
        prompt: { $ref: "common.schema.json#/definitions/repoPath", description: "Prompt file, relative to the repository root." },
        parameters: { $ref: "#/definitions/parameters" },
        tools: { type: "array", uniqueItems: true, maxItems: 200, items: { type: "string", minLength: 1, maxLength: 200 }, description: "Tools the model may call." }
      }
    },
    parameters: {
      title: "DecodingParameters",
      description: "Decoding parameters.",
      type: "object",
      additionalProperties: false,
      properties: {
        temperature: { type: "number", minimum: 0, maximum: 2, description: "Sampling temperature." },
        topP: { type: "number", minimum: 0, maximum: 1, description: "Nucleus sampling mass." },
        topK: { type: "integer", minimum: 1, description: "Top-k sampling." },
        maxTokens: { type: "integer", minimum: 1, description: "Maximum tokens to generate." },
        presencePenalty: { type: "number", minimum: -2, maximum: 2, description: "Presence penalty." },
        frequencyPenalty: { type: "number", minimum: -2, maximum: 2, description: "Frequency penalty." },
        seed: { type: "integer", description: "Sampling seed." },
        stop: { type: "array", maxItems: 16, items: { type: "string" }, description: "Stop sequences." },
        responseFormat: { type: "string", enum: ["text", "json"], description: "Response format." },
        extra: { type: "object", description: "Vendor-specific parameters passed through unchanged." }
      }
    }
  }
};

// schemas/rollout-policy.schema.json
var rollout_policy_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://glidepath.dev/schemas/v1/rollout-policy.schema.json",
  title: "RolloutPolicy",
  description: "`policies/*.yaml`: how a release rolls out \u2014 stages, the gates each must pass, rollback criteria, approvals and deploy windows. Written before the change ships, reusable across releases.",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { $ref: "common.schema.json#/definitions/apiVersion" },
    kind: { type: "string", const: "RolloutPolicy", description: "Always `RolloutPolicy`." },
    metadata: { $ref: "common.schema.json#/definitions/metadata" },
    spec: {
      type: "object",
      description: "The policy.",
      additionalProperties: false,
      required: ["strategy", "stages", "rollback"],
      properties: {
        strategy: {
          type: "string",
          enum: ["canary", "shadow-then-canary", "blue-green", "rings", "ab"],
          description: "`canary`: a weighted ramp. `shadow-then-canary`: mirrored traffic first, then a ramp. `blue-green`: one flip with a watch. `rings`: tenant segments, then a ramp. `ab`: a long-running split at a fixed weight."
        },
        stages: {
          type: "array",
          minItems: 1,
          maxItems: 50,
          description: "Stages in order. Weights increase and the last stage reaches 100 (except for `ab`).",
          items: { $ref: "#/definitions/stage" }
        },
        gates: {
          type: "object",
          description: "Named gates that stages list. Each compares canary with control, or an arm with an absolute bound.",
          propertyNames: { $ref: "common.schema.json#/definitions/name" },
          additionalProperties: { $ref: "#/definitions/gate" }
        },
        rollback: {
          type: "array",
          minItems: 1,
          maxItems: 50,
          description: "Rollback criteria, checked on every evaluation in every stage. Any one that fires restores the champion.",
          items: { $ref: "#/definitions/rollbackCriterion" }
        },
        window: { $ref: "#/definitions/window" },
        freezes: {
          type: "array",
          description: "Periods when no rollout advances (rollbacks still happen).",
          items: { $ref: "#/definitions/freeze" }
        },
        analysis: { $ref: "#/definitions/analysis" },
        approvers: {
          type: "array",
          description: "Who may approve a stage that asks for approval: GitHub users (`octocat`) or teams (`@org/team`). Default: the config's approvers.",
          items: { type: "string", pattern: "^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$" },
          uniqueItems: true
        },
        onInconclusive: {
          type: "string",
          enum: ["hold", "extend", "rollback"],
          default: "hold",
          description: "When the minimum duration has passed but a gate can neither pass nor fail: `hold` (wait for more data), `extend` (keep collecting up to the stage's maxDuration, then apply onFailure) or `rollback`."
        },
        onNoData: {
          type: "string",
          enum: ["hold", "rollback"],
          default: "hold",
          description: "When a gate's metric returns no data. Glidepath never advances on missing data."
        },
        onFailure: {
          type: "string",
          enum: ["rollback", "pause", "freeze"],
          default: "rollback",
          description: "When a gate fails: `rollback` (restore the champion), `pause` (keep the current weight until a person decides) or `freeze` (keep the weight and refuse all automatic changes until unfrozen)."
        }
      }
    }
  },
  definitions: {
    stage: {
      title: "Stage",
      description: "One step of the rollout.",
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: { $ref: "common.schema.json#/definitions/name", description: "Stage name, unique within the policy." },
        description: { type: "string", maxLength: 2e3, description: "What this stage is for." },
        mode: {
          type: "string",
          enum: ["shadow", "traffic"],
          default: "traffic",
          description: "`shadow`: the challenger receives a mirrored copy of requests and serves nobody (no weight). `traffic`: the challenger serves `weight` percent of requests."
        },
        weight: { type: "number", minimum: 0, maximum: 100, description: "Percent of requests the challenger serves in this stage." },
        segment: {
          type: "object",
          additionalProperties: false,
          required: ["attribute", "values"],
          description: "Ring stage: the challenger serves every request whose context attribute is one of these values (internal users, beta tenants), plus `weight` percent of the rest.",
          properties: {
            attribute: { type: "string", minLength: 1, maxLength: 200, description: "Evaluation-context attribute, such as `tenantId`." },
            values: { type: "array", minItems: 1, maxItems: 1e3, uniqueItems: true, items: { type: "string", maxLength: 200 }, description: "Attribute values in this ring." }
          }
        },
        minDuration: { $ref: "common.schema.json#/definitions/duration", description: "Bake time: the stage lasts at least this long before it may advance." },
        maxDuration: { $ref: "common.schema.json#/definitions/duration", description: "If the stage has not passed by then, apply the policy's onFailure." },
        minSamples: { type: "integer", minimum: 0, description: "Requests each arm must have seen before any gate may pass." },
        gates: {
          type: "array",
          description: "Names of gates (from `spec.gates`) this stage must pass to advance.",
          items: { $ref: "common.schema.json#/definitions/name" },
          uniqueItems: true
        },
        approval: { type: "string", enum: ["required", "none"], default: "none", description: "`required`: a person from the approvers list must approve before traffic moves to this stage." },
        watch: { $ref: "common.schema.json#/definitions/duration", description: "Final stage only: how long rollback criteria keep being checked at 100% before the challenger becomes champion." }
      }
    },
    gate: {
      title: "Gate",
      description: "A statistical test on one metric.",
      type: "object",
      additionalProperties: false,
      required: ["metric", "test"],
      properties: {
        metric: { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$", description: "Metric name from the config's metric definitions." },
        test: {
          type: "string",
          enum: ["proportions", "welch", "mann-whitney", "quantile"],
          description: "`proportions`: difference of two rates. `welch`: difference of means (Welch's t). `mann-whitney`: shift of the distribution (rank test). `quantile`: a quantile against an absolute bound."
        },
        versus: { type: "string", enum: ["control", "absolute"], description: "Compare canary with control (default for every test but `quantile`), or with an absolute bound (`max` / `min`)." },
        maxIncrease: { $ref: "common.schema.json#/definitions/margin", description: "Fail when the canary is worse than control by more than this (in the metric's worse direction). Tested one-sided." },
        nonInferiority: { $ref: "common.schema.json#/definitions/margin", description: "Pass only when the canary is shown to be no worse than control by more than this margin (the burden of proof is on the challenger)." },
        quantile: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1, description: "For `quantile` tests: which quantile, such as 0.99." },
        max: { type: "number", description: "Absolute upper bound for the canary (for lower-is-better metrics)." },
        min: { type: "number", description: "Absolute lower bound for the canary (for higher-is-better metrics)." },
        critical: { type: "boolean", default: false, description: "A critical gate that fails rolls back at once, whatever onFailure says." },
        segmentBy: { type: "string", maxLength: 200, description: "Also judge each segment (tenant, locale) separately, so that a regression the aggregate hides still fails the gate." },
        description: { type: "string", maxLength: 2e3, description: "Why this gate exists." }
      }
    },
    rollbackCriterion: {
      title: "RollbackCriterion",
      description: "A condition that restores the champion at once. Exactly one of above, below, increase, drop.",
      type: "object",
      additionalProperties: false,
      required: ["metric"],
      properties: {
        metric: { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$", description: "Metric name from the config's metric definitions." },
        quantile: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1, description: "Judge this quantile of the canary (continuous metrics); default: the mean or the rate." },
        above: { type: "number", description: "Fires when the canary's value is shown to be above this absolute bound." },
        below: { type: "number", description: "Fires when the canary's value is shown to be below this absolute bound." },
        increase: { $ref: "common.schema.json#/definitions/margin", description: "Fires when the canary is shown to exceed control by more than this." },
        drop: { $ref: "common.schema.json#/definitions/margin", description: "Fires when the canary is shown to fall below control by more than this." },
        description: { type: "string", maxLength: 2e3, description: "Why this criterion exists." }
      }
    },
    window: {
      title: "DeployWindow",
      description: "When rollouts may advance. Outside it they hold; rollbacks always happen.",
      type: "object",
      additionalProperties: false,
      required: ["timezone"],
      properties: {
        days: {
          type: "array",
          minItems: 1,
          uniqueItems: true,
          items: { type: "string", enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] },
          description: "Days on which rollouts may advance (default: every day)."
        },
        hours: { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$", description: "Local time range `HH:MM-HH:MM` (default: all day)." },
        timezone: { type: "string", minLength: 1, maxLength: 64, description: "IANA time zone, such as `Europe/Berlin`." }
      }
    },
    freeze: {
      title: "Freeze",
      description: "A period when nothing advances.",
      type: "object",
      additionalProperties: false,
      required: ["from", "until"],
      properties: {
        from: { type: "string", format: "date-time", description: "Start (RFC 3339 with offset)." },
        until: { type: "string", format: "date-time", description: "End (RFC 3339 with offset)." },
        reason: { type: "string", maxLength: 500, description: "Why, shown when a rollout holds." }
      }
    },
    analysis: {
      title: "Analysis",
      description: "Statistical settings for this policy's gates.",
      type: "object",
      additionalProperties: false,
      properties: {
        alpha: { type: "number", exclusiveMinimum: 0, maximum: 0.2, default: 0.05, description: "Family-wise false-alarm rate across the gates of a stage (Holm-corrected), valid however often the rollout is evaluated." },
        power: { type: "number", minimum: 0.5, exclusiveMaximum: 1, default: 0.8, description: "Power the plan's duration estimates aim for." },
        srmAlpha: { type: "number", exclusiveMinimum: 0, maximum: 0.05, default: 1e-3, description: "Sample-ratio-mismatch threshold: below this p-value the split is declared broken and no gate verdict counts." }
      }
    }
  }
};

// src/core/validate/schema-registry.ts
var import_validators = __toESM(require_validators(), 1);
var schemaValidators = import_validators.default;
var SCHEMA_FILES = {
  "common.schema.json": common_schema_default,
  "config.schema.json": config_schema_default,
  "release.schema.json": release_schema_default,
  "rollout-policy.schema.json": rollout_policy_schema_default
};
var KIND_FILES = {
  Config: "config.schema.json",
  RolloutPolicy: "rollout-policy.schema.json",
  Release: "release.schema.json"
};
function resolveRef(ref, currentFile) {
  const [filePart, pointer = ""] = ref.split("#");
  const file = filePart ? filePart : currentFile;
  let node = SCHEMA_FILES[file];
  for (const raw of pointer.split("/").filter(Boolean)) {
    if (node === null || typeof node !== "object") return void 0;
    node = node[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node && typeof node === "object" ? { schema: node, file } : void 0;
}
function deref(schema, file) {
  let current = { schema, file };
  for (let hops = 0; current.schema.$ref !== void 0 && hops < 16; hops++) {
    const next = resolveRef(current.schema.$ref, current.file);
    if (!next) break;
    current = next;
  }
  return current;
}
function schemaAt(kind, path, root) {
  const file = KIND_FILES[kind];
  let current = deref(SCHEMA_FILES[file], file);
  let description = current.schema.description;
  let value = root;
  const pick = () => {
    const { oneOf, discriminator } = current.schema;
    if (!oneOf || !discriminator || value === null || typeof value !== "object") return;
    const tag = value[discriminator.propertyName];
    for (const branch of oneOf) {
      const resolved = deref(branch, current.file);
      if (resolved.schema.properties?.[discriminator.propertyName]?.const === tag) {
        current = resolved;
        return;
      }
    }
  };
  pick();
  for (const segment of path) {
    const { schema } = current;
    let next;
    if (typeof segment === "number" && schema.items) next = schema.items;
    else if (typeof segment === "string" && schema.properties?.[segment]) next = schema.properties[segment];
    else if (typeof segment === "string" && typeof schema.additionalProperties === "object") next = schema.additionalProperties;
    if (!next) return void 0;
    description = next.description;
    current = deref(next, current.file);
    description ??= current.schema.description;
    value = value !== null && typeof value === "object" ? value[segment] : void 0;
    pick();
  }
  return { schema: current.schema, description, file: current.file };
}
function discriminatorValues(location) {
  const oneOf = location?.schema.oneOf;
  const discriminator = location?.schema.discriminator;
  if (!location || !oneOf || !discriminator) return [];
  const tag = discriminator.propertyName;
  const values = [];
  for (const branch of oneOf) {
    const resolved = deref(branch, location.file);
    const value = resolved.schema.properties?.[tag]?.const;
    if (typeof value === "string") values.push(value);
  }
  return values;
}
function schemaAtSchemaPath(schemaPath) {
  if (schemaPath.startsWith("#")) return void 0;
  const parent = schemaPath.slice(0, schemaPath.lastIndexOf("/"));
  return resolveRef(parent, "")?.schema;
}
function firstSentence(text) {
  if (!text) return void 0;
  const match = /^(.*?[.!?])(?:\s|$)/.exec(text);
  const sentence = (match ? match[1] : text).replace(/\.$/, "");
  return /^[A-Z](?![A-Z])/.test(sentence) ? `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : sentence;
}

// src/core/validate/schema-problems.ts
var TYPE_WORDS = {
  number: "a number",
  integer: "a whole number",
  string: "text",
  object: "a mapping (`key: value` lines)",
  array: "a list",
  boolean: "`true` or `false`",
  null: "empty"
};
var TYPE_NOUNS = { providers: "provider", sources: "metric source" };
var NAME_NOUNS = { gates: "gate", labels: "label" };
function describeValue(value) {
  if (value === null || value === void 0) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return Number.isInteger(value) ? "a whole number" : "a number";
  if (typeof value === "boolean") return `\`${String(value)}\``;
  return typeof value;
}
function fieldName(path) {
  return path.length === 0 ? "the document" : `\`${formatFieldPath(path)}\``;
}
function where2(path) {
  return path.length === 0 ? "at the top level" : `in ${formatFieldPath(path)}`;
}
function quotable(value) {
  return typeof value === "string" && /^[A-Za-z0-9 ._:/@+-]{1,40}$/.test(value);
}
function hintOf(text) {
  return text ? { hint: text } : {};
}
function explainSchemaErrors(errors, kind, root) {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === "oneOf" || e.keyword === "discriminator").map((e) => e.instancePath));
  const renamedProperties = new Set(errors.filter((e) => e.keyword === "propertyNames").map((e) => `${e.instancePath}\0${String(e.params["propertyName"])}`));
  const out = [];
  for (const error of errors) {
    if (error.keyword !== "oneOf" && error.keyword !== "discriminator" && oneOfPaths.has(error.instancePath) && (error.schemaPath.includes("/oneOf/") || error.keyword === "required" && error.params["missingProperty"] === "type")) continue;
    if (error.propertyName !== void 0 && renamedProperties.has(`${error.instancePath}\0${error.propertyName}`)) continue;
    const problem = explainOne(error, kind, root);
    if (problem) out.push(problem);
  }
  return out;
}
function explainOne(error, kind, root) {
  const path = parseInstancePath(error.instancePath, root);
  const value = valueAt(root, path);
  const params = error.params;
  const base = { path, severity: "error" };
  switch (error.keyword) {
    case "additionalProperties": {
      const property = String(params["additionalProperty"]);
      const allowed = Object.keys(schemaAt(kind, path, root)?.schema.properties ?? {});
      const guess = didYouMean(property, allowed);
      const hint = guess ?? (isSecretKey(property) ? "credentials are never written in Glidepath files; name the environment variable that holds them instead" : void 0) ?? (allowed.length > 0 && allowed.length <= 12 ? `allowed here: ${allowed.join(", ")}` : void 0);
      return { ...base, path: [...path, property], at: "key", rule: "schema/unknown-field", message: `unknown field \`${property}\` ${where2(path)}`, ...hintOf(hint) };
    }
    case "required": {
      const property = String(params["missingProperty"]);
      const location = schemaAt(kind, [...path, property], root);
      return { ...base, at: "key", rule: "schema/missing-field", message: `missing required field \`${property}\` ${where2(path)}`, ...hintOf(firstSentence(location?.description)) };
    }
    case "type": {
      const expected = String(params["type"]).split(",").map((t) => TYPE_WORDS[t] ?? t).join(" or ");
      const got = describeValue(value);
      const hint = value === null ? "write a value after the colon, or remove the line" : typeof value === "string" && (params["type"] === "number" || params["type"] === "integer") && /^[0-9.]+\s*[a-z%]*$/i.test(value) ? "write the number on its own, without quotes or units" : void 0;
      return { ...base, at: "value", rule: "schema/type", message: `${fieldName(path)} must be ${expected}, not ${got}`, ...hintOf(hint) };
    }
    case "enum": {
      const allowed = params["allowedValues"].map(String);
      const guess = typeof value === "string" ? suggest(value, allowed) : void 0;
      return { ...base, at: "value", rule: "schema/enum", message: `${fieldName(path)} must be one of: ${allowed.join(", ")}`, ...hintOf(guess ? `did you mean \`${guess}\`?` : void 0) };
    }
    case "const":
      return { ...base, at: "value", rule: "schema/const", message: `${fieldName(path)} must be \`${String(params["allowedValue"])}\`` };
    case "pattern": {
      const description = firstSentence(schemaAtSchemaPath(error.schemaPath)?.description ?? schemaAt(kind, path, root)?.schema.description);
      const named = error.schemaPath.includes("/definitions/name/") && typeof value === "string" ? nameSuggestion(value) : void 0;
      return {
        ...base,
        at: "value",
        rule: "schema/format",
        message: `${fieldName(path)} is not in the expected form${description ? `: ${description}` : ""}`,
        ...hintOf(named ? `try \`${named}\`` : void 0)
      };
    }
    case "format":
      return { ...base, at: "value", rule: "schema/format", message: `${fieldName(path)} must be a date and time with an offset (RFC 3339), such as \`2025-12-24T18:00:00Z\`` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const words = { ">=": "at least", "<=": "at most", ">": "greater than", "<": "less than" };
      return { ...base, at: "value", rule: "schema/range", message: `${fieldName(path)} must be ${words[String(params["comparison"])] ?? String(params["comparison"])} ${String(params["limit"])}` };
    }
    case "minLength":
      return { ...base, at: "value", rule: "schema/length", message: Number(params["limit"]) <= 1 ? `${fieldName(path)} must not be empty` : `${fieldName(path)} must be at least ${String(params["limit"])} characters long` };
    case "maxLength":
      return { ...base, at: "value", rule: "schema/length", message: `${fieldName(path)} is too long: at most ${String(params["limit"])} characters` };
    case "minItems": {
      const limit = Number(params["limit"]);
      return { ...base, at: "key", rule: "schema/items", message: `${fieldName(path)} needs at least ${limit} ${limit === 1 ? "item" : "items"}` };
    }
    case "maxItems":
      return { ...base, at: "key", rule: "schema/items", message: `${fieldName(path)} has too many items: at most ${String(params["limit"])}` };
    case "uniqueItems": {
      const later = Math.max(Number(params["i"]), Number(params["j"]));
      const earlier = Math.min(Number(params["i"]), Number(params["j"]));
      return { ...base, path: [...path, later], at: "value", rule: "schema/unique", message: `${fieldName(path)} lists the same value twice (items ${earlier + 1} and ${later + 1})`, hint: "remove the repeated item" };
    }
    case "oneOf":
      if (error.schemaPath.includes("/definitions/margin/")) {
        return { ...base, at: "value", rule: "schema/margin", message: `${fieldName(path)} must be a margin: \`0.5pp\` (percentage points), \`10%\` (relative to control) or a number of at least 0 (in the metric's unit)` };
      }
      return { ...base, at: "value", rule: "schema/invalid", message: `${fieldName(path)} does not match any allowed form`, ...hintOf(firstSentence(schemaAt(kind, path, root)?.description)) };
    case "discriminator": {
      const parent = path[path.length - 2];
      const noun = (typeof parent === "string" ? TYPE_NOUNS[parent] : void 0) ?? "item";
      const supported = discriminatorValues(schemaAt(kind, path, root));
      const list = supported.length > 0 ? `; supported: ${supported.join(", ")}` : "";
      const tag = String(params["tag"] ?? "type");
      if (params["error"] === "mapping") {
        const tagValue = params["tagValue"];
        const guess = typeof tagValue === "string" ? didYouMean(tagValue, supported) : void 0;
        const shown = quotable(tagValue) ? ` \`${tagValue}\`` : "";
        return { ...base, path: [...path, tag], at: "value", rule: "schema/unknown-type", message: `unknown ${noun} type${shown}${list}`, ...hintOf(guess) };
      }
      return { ...base, at: "key", rule: "schema/unknown-type", message: `${fieldName(path)} needs a \`${tag}\`${list}` };
    }
    case "propertyNames": {
      const name = String(params["propertyName"]);
      const last = path[path.length - 1];
      const noun = (typeof last === "string" ? NAME_NOUNS[last] : void 0) ?? "key";
      const description = nameRule(last);
      const fixed = last === "gates" ? nameSuggestion(name) : void 0;
      return {
        ...base,
        path: [...path, name],
        at: "key",
        rule: "schema/name",
        message: `${noun} name${quotable(name) ? ` \`${name}\`` : ""} is not valid${description ? `: ${description}` : ""}`,
        ...hintOf(fixed && fixed !== name ? `try \`${fixed}\`` : void 0)
      };
    }
    default:
      return { ...base, at: "value", rule: "schema/invalid", message: `${fieldName(path)} ${error.message ?? "is not valid"}` };
  }
}
function nameRule(last) {
  if (last === "gates") return "use lower-case letters, digits and dashes, starting and ending with a letter or digit, at most 63 characters";
  if (last === "labels") return "letters, digits, `.`, `_`, `/` and `-`, starting with a letter or digit, at most 63 characters";
  return void 0;
}
function nameSuggestion(value) {
  const fixed = value.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  return fixed.length > 0 && fixed !== value ? fixed : void 0;
}

// src/core/validate/source-document.ts
function offsetOf(root, path, at) {
  const { node, exact } = findSourceNode(root, path);
  if (at === "key" || !exact) return node.keyStart ?? node.start;
  return node.start;
}
function toProblem(file, lines, root, problem) {
  const { line: line2, col } = lines.position(offsetOf(root, problem.path, problem.at));
  const field = formatFieldPath(problem.path);
  return {
    file,
    line: line2,
    col,
    severity: problem.severity,
    message: problem.message,
    rule: problem.rule,
    ...problem.hint ? { hint: problem.hint } : {},
    ...field ? { field } : {}
  };
}
function createSourceDocument(file, kind, value, sourceMap, lines) {
  return {
    file,
    kind,
    value,
    locate: (path) => ({ file, ...lines.position(offsetOf(sourceMap(), path, "key")) }),
    locateValue: (path) => ({ file, ...lines.position(offsetOf(sourceMap(), path, "value")) }),
    report: (problem) => toProblem(file, lines, sourceMap(), problem)
  };
}

// src/core/validate/load-repository.ts
var SECRET_HINT = "remove it from the file and rotate it: it is in the git history now";
function loadRepository(snapshot, limits = YAML_LIMITS) {
  const problems = [...snapshot.problems];
  const paths = [...snapshot.files.keys()].sort();
  let documentPaths = paths.filter((p) => expectedKind(p) !== void 0);
  if (documentPaths.length > limits.maxFiles) {
    const skipped = documentPaths[limits.maxFiles];
    problems.push({
      file: skipped,
      line: 1,
      col: 1,
      severity: "error",
      rule: "file/too-many",
      message: `the repository has ${documentPaths.length} Glidepath files; at most ${limits.maxFiles} are read, so this file and the ones after it were skipped`,
      hint: "remove files that are no longer needed"
    });
    documentPaths = documentPaths.slice(0, limits.maxFiles);
  }
  if (snapshot.files.has("glidepath.yml")) {
    problems.push({
      file: "glidepath.yml",
      line: 1,
      col: 1,
      severity: snapshot.files.has(CONFIG_PATH) ? "warning" : "error",
      rule: "document/location",
      message: snapshot.files.has(CONFIG_PATH) ? "glidepath.yml is ignored: Glidepath reads glidepath.yaml" : "Glidepath reads its configuration from glidepath.yaml, not glidepath.yml",
      hint: snapshot.files.has(CONFIG_PATH) ? "delete glidepath.yml" : "rename the file to glidepath.yaml"
    });
  }
  let total = 0;
  const within = documentPaths.findIndex((file) => (total += snapshot.files.get(file).length) > limits.maxTotalBytes);
  if (within !== -1) {
    problems.push({ file: documentPaths[within], line: 1, col: 1, severity: "error", rule: "repository/too-large", message: totalTooLargeMessage(limits), hint: "Glidepath files are small; remove files that are not Glidepath documents from policies/ and releases/" });
    documentPaths = documentPaths.slice(0, within);
  }
  const outcomes = documentPaths.map((file) => readDocument(file, snapshot.files.get(file), expectedKind(file), limits));
  for (const outcome of outcomes) problems.push(...outcome.problems);
  const files = /* @__PURE__ */ new Map();
  for (const path of paths) {
    if (expectedKind(path) !== void 0 || path === "glidepath.yml") continue;
    const bytes = snapshot.files.get(path);
    if (bytes.length > limits.maxFileBytes) {
      problems.push(fileTooLarge(path, bytes.length, limits));
      continue;
    }
    const decoded = decodeText(bytes);
    if (decoded.ok) files.set(path, decoded.text);
    else problems.push(undecodable(path, decoded.reason, decoded.line, decoded.col));
  }
  let config;
  const policies = /* @__PURE__ */ new Map();
  const releases = /* @__PURE__ */ new Map();
  const knownPolicies = /* @__PURE__ */ new Set();
  const firstByName = { RolloutPolicy: /* @__PURE__ */ new Map(), Release: /* @__PURE__ */ new Map() };
  for (const outcome of outcomes) {
    if (outcome.kind === "Config") {
      config = outcome.document;
      continue;
    }
    if (outcome.kind === "RolloutPolicy" && outcome.name !== void 0) knownPolicies.add(outcome.name);
    const document = outcome.document;
    if (!document || outcome.name === void 0) continue;
    const earlier = firstByName[outcome.kind].get(outcome.name);
    if (earlier) {
      const at = earlier.locate(["metadata", "name"]);
      problems.push(document.report({
        path: ["metadata", "name"],
        at: "value",
        severity: "error",
        rule: "repository/duplicate-name",
        message: `a ${outcome.kind} named \`${outcome.name}\` is already defined in ${at.file}:${at.line}`,
        hint: `names are unique among the files in ${KIND_HOMES[outcome.kind]}; rename one of them`
      }));
      continue;
    }
    firstByName[outcome.kind].set(outcome.name, document);
    if (outcome.kind === "RolloutPolicy") policies.set(outcome.name, document);
    else releases.set(outcome.name, document);
  }
  const configPresent = snapshot.files.has(CONFIG_PATH);
  if (!configPresent) {
    problems.push({
      file: CONFIG_PATH,
      line: 1,
      col: 1,
      severity: "error",
      rule: "repository/missing-config",
      message: "glidepath.yaml is missing; it names the providers that shift traffic and the metrics that gates read",
      hint: "create glidepath.yaml at the repository root; examples/quickstart has one to start from"
    });
  }
  const repository = { config, policies, releases, files };
  let metrics;
  if (config) {
    metrics = /* @__PURE__ */ new Map();
    for (const definition of config.value.spec.metrics.definitions) if (!metrics.has(definition.name)) metrics.set(definition.name, definition);
  }
  const context = { repository, knownPolicies, configPresent, paths, metrics };
  for (const rule of semanticRules) problems.push(...rule(context));
  return { repository, problems: sortProblems(dedupeProblems(problems.map(withoutControlCharacters))), documentCount: documentPaths.length };
}
var readDocuments = /* @__PURE__ */ new WeakMap();
function readDocument(file, bytes, kind, limits) {
  let byFile = readDocuments.get(bytes);
  if (!byFile) {
    byFile = /* @__PURE__ */ new Map();
    readDocuments.set(bytes, byFile);
  }
  const key2 = `${kind}\0${file}`;
  const cached = byFile.get(key2);
  if (cached && cached.limits === limits) return cached.outcome;
  const outcome = checkDocument(file, bytes, kind, limits);
  byFile.set(key2, { limits, outcome });
  return outcome;
}
function checkDocument(file, bytes, kind, limits) {
  const fail2 = (problems2, name2) => ({ file, kind, document: void 0, name: name2, problems: problems2 });
  const read = parseDocumentFile(bytes, limits);
  if (read.kind === "too-large") return fail2([fileTooLarge(file, read.size, limits)]);
  if (read.kind === "undecodable") return fail2([undecodable(file, read.reason, read.line, read.col)]);
  const { text, yaml: parsed } = read;
  const lines = new LineIndex(text);
  const at = (offset) => lines.position(offset);
  const secrets = findInlineSecrets(parsed.scalars, parsed.comments);
  const problems = secrets.map((secret) => secretProblem(file, secret, at(secret.start)));
  for (const problem of parsed.problems) {
    problems.push({ file, ...at(problem.offset), severity: problem.severity, message: problem.message, rule: problem.rule, ...problem.hint ? { hint: problem.hint } : {} });
  }
  const secretValues = secrets.map((s) => s.value);
  const finish = (document, name2) => ({
    file,
    kind,
    document,
    name: name2,
    problems: secretValues.length > 0 ? problems.map((p) => redactProblem(p, secretValues)) : problems
  });
  if (parsed.value === void 0 || parsed.problems.some((p) => p.severity === "error")) return finish(void 0, void 0);
  const value = parsed.value;
  const name = documentName(value);
  const identity = checkDocumentIdentity(value, kind);
  for (const problem of identity.problems) problems.push(toProblem(file, lines, parsed.sourceMap(), problem));
  if (identity.skipSchema) return finish(void 0, name);
  const validate = schemaValidators[kind];
  let schemaValid = validate(value);
  if (!schemaValid) {
    const errors = (validate.errors ?? []).filter((e) => !isIdentityError(e.instancePath, e.keyword, e.params["missingProperty"]));
    schemaValid = errors.length === 0 && identity.problems.length === 0;
    for (const problem of explainSchemaErrors(errors, kind, value)) {
      if (secrets.length > 0 && coversSecret(parsed.sourceMap(), problem.path, secrets)) continue;
      problems.push(toProblem(file, lines, parsed.sourceMap(), problem));
    }
  }
  if (!schemaValid || identity.problems.length > 0 || secrets.length > 0) return finish(void 0, name);
  return finish(createSourceDocument(file, kind, value, parsed.sourceMap, lines), name);
}
function documentName(value) {
  if (value === null || typeof value !== "object") return void 0;
  const metadata = value["metadata"];
  if (metadata === null || typeof metadata !== "object") return void 0;
  const name = metadata["name"];
  return typeof name === "string" ? name : void 0;
}
function coversSecret(root, path, secrets) {
  const { node, exact } = findSourceNode(root, path);
  if (!exact) return false;
  const from = node.keyStart ?? node.start;
  return secrets.some((s) => s.start >= from && s.start <= node.end);
}
function secretProblem(file, secret, position) {
  const subject = secret.inComment ? "a comment here" : secret.path.length > 0 ? `\`${formatFieldPath(secret.path)}\`` : "a value here";
  const field = secret.path.length > 0 ? formatFieldPath(secret.path) : void 0;
  return {
    file,
    ...position,
    severity: "error",
    rule: "secret/inline",
    message: `${subject} looks like a secret written inline (${secret.kind}); store it in a GitHub secret and name the environment variable instead (e.g. \`tokenEnv: UNLEASH_TOKEN\`)`,
    hint: SECRET_HINT,
    ...field ? { field } : {}
  };
}
function redactProblem(problem, secrets) {
  return {
    ...problem,
    message: redactSecrets(problem.message, secrets),
    ...problem.hint !== void 0 ? { hint: redactSecrets(problem.hint, secrets) } : {},
    ...problem.field !== void 0 ? { field: redactSecrets(problem.field, secrets) } : {}
  };
}
function fileTooLarge(file, size, limits) {
  return {
    file,
    line: 1,
    col: 1,
    severity: "error",
    rule: "file/too-large",
    message: `the file is ${formatBytes(size)}; Glidepath reads files of at most ${formatBytes(limits.maxFileBytes)}`,
    hint: "Glidepath files are small; check that this is the file you meant"
  };
}
function undecodable(file, reason, line2, col) {
  return reason === "nul" ? { file, line: line2, col, severity: "error", rule: "file/binary", message: "the file holds binary data (a NUL byte here); Glidepath files are UTF-8 text", hint: "check that this is the file you meant" } : { file, line: line2, col, severity: "error", rule: "file/encoding", message: "the file is not valid UTF-8 (the first invalid byte is here)", hint: "save the file as UTF-8" };
}
var CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
var HAS_CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
function withoutControlCharacters(problem) {
  const clean = (text) => text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (!HAS_CONTROL.test(`${problem.message}${problem.hint ?? ""}${problem.field ?? ""}`)) return problem;
  return {
    ...problem,
    message: clean(problem.message),
    ...problem.hint !== void 0 ? { hint: clean(problem.hint) } : {},
    ...problem.field !== void 0 ? { field: clean(problem.field) } : {}
  };
}
function dedupeProblems(problems) {
  const seen = /* @__PURE__ */ new Set();
  return problems.filter((p) => {
    const key2 = `${p.file}\0${p.line}\0${p.col}\0${p.rule}\0${p.message}`;
    if (seen.has(key2)) return false;
    seen.add(key2);
    return true;
  });
}
function sortProblems(problems) {
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

// src/core/validate/rules/rule-context.ts
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

// src/core/validate/problem-summary.ts
function countProblems(problems, files) {
  let errors = 0;
  for (const p of problems) if (p.severity === "error") errors += 1;
  return { errors, warnings: problems.length - errors, files };
}
function summaryLine(counts) {
  const files = plural(counts.files, "file");
  if (counts.errors > 0) return `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")} in ${files}`;
  if (counts.warnings > 0) return `\u2713 ${files} valid, ${plural(counts.warnings, "warning")}`;
  return `\u2713 ${files} valid`;
}

// src/core/validate/render-problems.ts
var PROBLEM_FORMATS = ["text", "json", "github"];
function renderText(problems, files) {
  return [...problems.map(formatProblem), summaryLine(countProblems(problems, files))].join("\n");
}
function renderJson(problems, files) {
  const body = {
    problems: problems.map((p) => ({
      file: p.file,
      line: p.line,
      col: p.col,
      severity: p.severity,
      message: p.message,
      rule: p.rule,
      hint: p.hint ?? null,
      field: p.field ?? null
    })),
    summary: countProblems(problems, files)
  };
  return JSON.stringify(body, null, 2);
}
function escapeCommandData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeCommandProperty(text) {
  return escapeCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function renderGithub(problems, files) {
  const lines = problems.map((p) => {
    const properties = [
      `file=${escapeCommandProperty(p.file)}`,
      `line=${p.line}`,
      `col=${p.col}`,
      `title=${escapeCommandProperty(`Glidepath ${p.rule}`)}`
    ].join(",");
    const message = p.hint ? `${p.message} (${p.hint})` : p.message;
    return `::${p.severity} ${properties}::${escapeCommandData(message)}`;
  });
  return [...lines, summaryLine(countProblems(problems, files))].join("\n");
}
var problemRenderers = {
  text: renderText,
  json: renderJson,
  github: renderGithub
};

// src/core/validate/render-summary.ts
var MAX_ROWS = 200;
function cell2(text) {
  return text.replace(/\r\n|\r|\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function renderValidationSummary(problems, files) {
  const counts = countProblems(problems, files);
  const lines = ["### Glidepath / validate", "", counts.errors > 0 ? `**${summaryLine(counts)}**` : summaryLine(counts)];
  if (problems.length > 0) {
    lines.push("", "| Where | Severity | Problem | Rule |", "|---|---|---|---|");
    for (const p of problems.slice(0, MAX_ROWS)) {
      const message = p.hint ? `${p.message} (${p.hint})` : p.message;
      lines.push(`| \`${cell2(`${p.file}:${p.line}:${p.col}`)}\` | ${p.severity} | ${cell2(message)} | \`${cell2(p.rule)}\` |`);
    }
    if (problems.length > MAX_ROWS) lines.push("", `\u2026and ${problems.length - MAX_ROWS} more; run \`glidepath validate\` locally for the full list.`);
  }
  return `${lines.join("\n")}
`;
}

// src/commands/plan.ts
var PLAN_CHECK_NAME = "Glidepath / plan";
var PLAN_MARKER = "<!-- glidepath:plan -->";
var FORMATS = ["text", "markdown", "json", "github"];
function readFormat(ctx) {
  const format = String(ctx.options["format"] ?? "text");
  if (!FORMATS.includes(format)) throw new UsageError(`--format is '${format}'; use one of: ${FORMATS.join(", ")}`);
  return format;
}
function option(ctx, name) {
  const value = ctx.options[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : void 0;
}
function readRefs(ctx) {
  const base = option(ctx, "base") ?? ctx.event?.pullRequest?.baseSha;
  const head = option(ctx, "head") ?? ctx.event?.pullRequest?.headSha ?? (base !== void 0 ? "HEAD" : void 0);
  if (base === void 0 || head === void 0) {
    throw new UsageError("plan compares two revisions: pass --base REF (and --head REF, default HEAD), or run it on a pull_request event");
  }
  return { base, head };
}
function findGitRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join2(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return void 0;
  }
}
function scopeScm(scm, prefix) {
  if (prefix === "") return scm;
  const inner = (path) => path === "" ? prefix : `${prefix}/${path}`;
  const outer = (path) => path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : void 0;
  const outerAll = (paths) => paths.map(outer).filter((p) => p !== void 0);
  return {
    readFile: (ref, path) => scm.readFile(ref, inner(path)),
    async readFiles(ref, paths) {
      const found = await scm.readFiles(ref, paths.map(inner));
      return new Map([...found].map(([path, bytes]) => [outer(path), bytes]));
    },
    listFiles: async (ref, dir) => outerAll(await scm.listFiles(ref, inner(dir))),
    changedFiles: async (base, head) => outerAll(await scm.changedFiles(base, head)),
    resolveRef: (ref) => scm.resolveRef(ref),
    commitFiles: (request) => scm.commitFiles({ ...request, files: request.files.map((f) => ({ ...f, path: inner(f.path) })) }),
    openChangeRequest: (request) => scm.openChangeRequest({ ...request, files: request.files.map((f) => ({ ...f, path: inner(f.path) })) })
  };
}
function localScm(root) {
  const top = findGitRoot(root);
  if (!top) throw new UsageError(`${root} is not inside a git repository; plan reads the base and head revisions from git`);
  return scopeScm(createLocalGitScm(top), relative(top, root).split(sep).filter(Boolean).join("/"));
}
async function resolve(scm, ref, role) {
  const sha = await scm.resolveRef(ref);
  if (sha) return sha;
  throw new UsageError(`the ${role} revision '${ref}' is not in this repository. In GitHub Actions, check out the full history (actions/checkout with \`fetch-depth: 0\`) so that both sides of the pull request are present.`);
}
async function changedPaths(scm, base, head, ctx) {
  try {
    return await scm.changedFiles(base, head);
  } catch (error) {
    ctx.logger.warn(`could not list the files the change touches (${error.message}); comparing the whole revisions instead`);
    return void 0;
  }
}
function render(plan, format) {
  switch (format) {
    case "json":
      return JSON.stringify(plan, null, 2);
    case "markdown":
      return renderPlanJobSummary(plan);
    case "text":
    case "github":
      return renderPlanText(plan);
  }
}
async function reportInvalidHead(ctx, format, problems, documents, headRef) {
  ctx.print(format === "json" ? renderJson(problems, documents) : `The head revision has problems; no plan until they are fixed:
${problems.map(formatProblem).join("\n")}`);
  const summary = renderValidationSummary(problems, documents);
  if (ctx.review && ctx.event) {
    try {
      await ctx.review.publishCheck({
        name: PLAN_CHECK_NAME,
        headSha: ctx.event.headSha,
        conclusion: "failure",
        title: `No plan: ${problems.filter((p) => p.severity === "error").length} problem(s) in ${headRef.slice(0, 12)}`,
        summary,
        annotations: problemsToAnnotations(problems)
      });
    } catch (error) {
      ctx.logger.warn(`could not publish the ${PLAN_CHECK_NAME} check run: ${error.message}`);
    }
  }
  return { exitCode: 1, outputs: { releases: "0", weakenings: "0", problems: String(problems.length) }, summary };
}
async function publish(ctx, plan) {
  const outputs = {};
  if (!ctx.review || !ctx.event) return outputs;
  let url;
  try {
    const check = renderPlanCheck(plan);
    ({ url } = await ctx.review.publishCheck({ name: PLAN_CHECK_NAME, headSha: ctx.event.headSha, ...check }));
    if (url) outputs["check-url"] = url;
  } catch (error) {
    ctx.logger.warn(`could not publish the ${PLAN_CHECK_NAME} check run: ${error.message}`);
  }
  const pr = ctx.event.pullRequest;
  if (!pr) return outputs;
  try {
    const body = renderPlanComment(plan, { marker: PLAN_MARKER, checkName: PLAN_CHECK_NAME, ...url ? { checkRunUrl: url } : {} });
    outputs["comment"] = await ctx.review.upsertComment(pr.number, PLAN_MARKER, body);
  } catch (error) {
    ctx.logger.warn(`could not write the plan comment on pull request #${pr.number}: ${error.message}`);
  }
  return outputs;
}
async function runPlan(ctx, deps = {}) {
  const format = readFormat(ctx);
  const refs = readRefs(ctx);
  const scm = deps.scm ?? localScm(ctx.root);
  const [baseSha, headSha] = await Promise.all([resolve(scm, refs.base, "base"), resolve(scm, refs.head, "head")]);
  const [paths, baseSnapshot, headSnapshot] = await Promise.all([
    changedPaths(scm, baseSha, headSha, ctx),
    readRepositoryAt(scm, baseSha),
    readRepositoryAt(scm, headSha)
  ]);
  const head = loadRepository(headSnapshot);
  const headErrors = head.problems.filter((p) => p.severity === "error");
  if (headErrors.length > 0) return reportInvalidHead(ctx, format, head.problems, head.documentCount, headSha);
  const base = loadRepository(baseSnapshot);
  if (base.problems.some((p) => p.severity === "error")) {
    ctx.logger.debug(`the base revision has ${base.problems.length} problem(s); documents that failed to load count as absent there`);
  }
  const plan = buildPlan({
    base: base.repository,
    head: head.repository,
    baseRef: baseSha,
    headRef: headSha,
    ...paths ? { changedPaths: paths } : {},
    power: deps.power ?? estimatePlanPower
  });
  const rendered = render(plan, format);
  ctx.print(rendered);
  const markdown2 = format === "markdown" ? rendered : void 0;
  const published = await publish(ctx, plan);
  let summary;
  return {
    exitCode: 0,
    outputs: { releases: String(plan.releases.length), weakenings: String(weakeningReleases(plan).length), ...published },
    // Rendered on first read: only the Action writes a job summary, and a plan of a thousand releases takes a while to render.
    get summary() {
      summary ??= markdown2 ?? renderPlanJobSummary(plan);
      return summary;
    }
  };
}
var planCommand = {
  name: "plan",
  summary: "Show which releases a change touches and how each will roll out (stages, gates, blast radius, weakened policies)",
  usage: "--base REF [--head REF] [--root DIR] [--format text|markdown|json]",
  options: {
    base: { type: "string" },
    head: { type: "string" }
  },
  run: (ctx) => runPlan(ctx)
};

// src/adapters/fs/read-repository.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { join as join3, relative as relative2, sep as sep2 } from "node:path";
var RepositoryRootError = class extends Error {
  name = "RepositoryRootError";
};
var DOCUMENT_DIRS = ["policies", "releases"];
var ROOT_FILES2 = ["glidepath.yaml", "glidepath.yml"];
var YAML_FILE3 = /\.ya?ml$/;
function problemAt2(file, rule, message, hint) {
  return { file, line: 1, col: 1, severity: "error", rule, message, ...hint ? { hint } : {} };
}
function inside(root, target2) {
  const rel = relative2(root, target2);
  return rel === "" || !rel.startsWith(`..${sep2}`) && rel !== ".." && !rel.startsWith(sep2) && !/^[A-Za-z]:/.test(rel);
}
function errorCode(error) {
  return error && typeof error === "object" && "code" in error ? String(error.code) : void 0;
}
async function readRepositoryFromDisk(root, limits = YAML_LIMITS) {
  let realRoot;
  try {
    realRoot = await realpath(root);
    if (!(await stat(realRoot)).isDirectory()) throw new RepositoryRootError(`${root} is not a directory`);
  } catch (error) {
    if (error instanceof RepositoryRootError) throw error;
    throw new RepositoryRootError(`cannot read the repository root ${root}: ${errorCode(error) === "ENOENT" ? "it does not exist" : error.message}`, { cause: error });
  }
  const files = /* @__PURE__ */ new Map();
  const problems = [];
  const resolveFile = async (rel, reportMissing) => {
    const absolute = join3(realRoot, ...rel.split("/"));
    let real;
    try {
      real = await realpath(absolute);
    } catch (error) {
      if (errorCode(error) === "ENOENT") {
        if (!reportMissing) return void 0;
        problems.push(problemAt2(rel, "file/unreadable", "the file is a symbolic link to nothing (its target does not exist)", "fix or remove the link"));
        return void 0;
      }
      problems.push(problemAt2(rel, "file/unreadable", `the file cannot be read (${errorCode(error) ?? "error"})`));
      return void 0;
    }
    if (!inside(realRoot, real)) {
      problems.push(problemAt2(rel, "file/symlink-outside", "the file is a symbolic link that leads outside the repository; Glidepath does not follow it", "copy the file into the repository instead of linking to it"));
      return void 0;
    }
    return real;
  };
  const candidates = /* @__PURE__ */ new Map();
  for (const name of ROOT_FILES2) {
    try {
      await lstat(join3(realRoot, name));
      candidates.set(name, void 0);
    } catch {
    }
  }
  const visited = /* @__PURE__ */ new Set();
  const queue = [...DOCUMENT_DIRS];
  let overflow;
  while (queue.length > 0 && overflow === void 0) {
    const dir = queue.shift();
    const realDir = await resolveFile(dir, false);
    if (realDir === void 0 || visited.has(realDir)) continue;
    visited.add(realDir);
    let entries;
    try {
      entries = await readdir(realDir, { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) !== "ENOENT" && errorCode(error) !== "ENOTDIR") problems.push(problemAt2(dir, "file/unreadable", `the directory cannot be read (${errorCode(error) ?? "error"})`));
      continue;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const rel = `${dir}/${entry.name}`;
      let real;
      if (entry.isDirectory()) {
        queue.push(rel);
        continue;
      } else if (entry.isSymbolicLink()) {
        real = await resolveFile(rel, true);
        if (real === void 0) continue;
        const target2 = await stat(real);
        if (target2.isDirectory()) {
          queue.push(rel);
          continue;
        }
        if (!target2.isFile() || !YAML_FILE3.test(entry.name)) continue;
      } else if (entry.isFile() && YAML_FILE3.test(entry.name)) {
        real = join3(realDir, entry.name);
      } else {
        continue;
      }
      if (candidates.size >= limits.maxFiles) {
        overflow = rel;
        break;
      }
      candidates.set(rel, real);
    }
  }
  if (overflow !== void 0) {
    problems.push(problemAt2(overflow, "file/too-many", `the repository has more than ${limits.maxFiles} Glidepath files; only the first ${limits.maxFiles} are read`, "remove files that are no longer needed"));
  }
  let total = 0;
  let totalExceeded = false;
  const readOne = async (rel, knownReal, reportMissing) => {
    if (totalExceeded) return;
    const real = knownReal ?? await resolveFile(rel, reportMissing);
    if (real === void 0) return;
    const read = readSmallFile(real, Math.min(limits.maxFileBytes, limits.maxTotalBytes - total + 1));
    if (read.kind === "too-large" && read.size <= limits.maxFileBytes) {
      totalExceeded = true;
      problems.push(problemAt2(rel, "repository/too-large", totalTooLargeMessage(limits), "Glidepath files are small; remove files that are not Glidepath documents from policies/ and releases/"));
      return;
    }
    if (read.kind === "bytes") {
      total += read.bytes.length;
      files.set(rel, read.bytes);
    } else if (read.kind === "too-large") problems.push(problemAt2(rel, "file/too-large", `the file is ${formatBytes(read.size)}; Glidepath reads files of at most ${formatBytes(limits.maxFileBytes)}`, "Glidepath files are small; check that this is the file you meant"));
    else if (read.kind === "error" && (reportMissing || read.code !== "ENOENT")) problems.push(problemAt2(rel, "file/unreadable", `the file cannot be read (${read.code})`));
  };
  for (const [rel, real] of candidates) await readOne(rel, real, true);
  for (const rel of referencedPaths(files, limits)) {
    if (findRepoPathProblem(rel) === void 0) await readOne(rel, void 0, false);
  }
  return { files, problems };
}
function readSmallFile(path, maxBytes) {
  let fd;
  try {
    fd = openSync(path, "r");
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: "not-a-file" };
    if (info.size > maxBytes) return { kind: "too-large", size: info.size };
    const buffer = Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (; ; ) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length >= buffer.length) break;
    }
    if (length > maxBytes) return { kind: "too-large", size: length };
    return { kind: "bytes", bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } catch (error) {
    return { kind: "error", code: errorCode(error) ?? "error" };
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}

// src/commands/validate.ts
var CHECK_NAME = "Glidepath / validate";
function readFormat2(ctx) {
  const format = String(ctx.options["format"] ?? "text");
  if (!PROBLEM_FORMATS.includes(format)) {
    throw new UsageError(`--format is '${format}'; use one of: ${PROBLEM_FORMATS.join(", ")}`);
  }
  return format;
}
var validateCommand = {
  name: "validate",
  summary: "Check glidepath.yaml, policies/ and releases/ against the schemas and rules",
  usage: "[--root DIR] [--format text|json|github]",
  options: {},
  async run(ctx) {
    const format = readFormat2(ctx);
    let snapshot;
    try {
      snapshot = await readRepositoryFromDisk(ctx.root);
    } catch (error) {
      if (error instanceof RepositoryRootError) throw new UsageError(error.message);
      throw error;
    }
    const { problems, documentCount } = loadRepository(snapshot);
    ctx.print(problemRenderers[format](problems, documentCount));
    const counts = countProblems(problems, documentCount);
    const failed = hasErrors(problems);
    const summary = renderValidationSummary(problems, documentCount);
    if (ctx.review && ctx.event) {
      try {
        await ctx.review.publishCheck({
          name: CHECK_NAME,
          headSha: ctx.event.headSha,
          conclusion: failed ? "failure" : "success",
          title: summaryLine(counts),
          summary,
          annotations: problemsToAnnotations(problems)
        });
      } catch (error) {
        ctx.logger.warn(`could not publish the ${CHECK_NAME} check run: ${error.message}`);
      }
    }
    return {
      exitCode: failed ? 1 : 0,
      outputs: { problems: String(problems.length), errors: String(counts.errors), warnings: String(counts.warnings) },
      summary
    };
  }
};

// src/commands/evaluate.ts
import { resolve as resolve4 } from "node:path";

// src/adapters/metrics/file.ts
import { open } from "node:fs/promises";
import { isAbsolute, relative as relative3, resolve as resolve2, sep as sep3 } from "node:path";

// src/core/metrics/metrics-document.ts
var MAX_PROBLEMS = 20;
var ARMS = ["control", "canary"];
function metricsFileFormat(file) {
  return /\.csv$/i.test(file) ? "csv" : "json";
}
var ProblemList = class {
  constructor(file) {
    this.file = file;
  }
  file;
  items = [];
  add(where3, message) {
    if (this.items.length < MAX_PROBLEMS) this.items.push(`${this.file}: ${where3}: ${message}`);
  }
  get full() {
    return this.items.length >= MAX_PROBLEMS;
  }
  result() {
    const more = this.items.length >= MAX_PROBLEMS ? `
(stopped after ${MAX_PROBLEMS} problems)` : "";
    return { ok: false, error: this.items.join("\n") + more, problems: this.items };
  }
};
var RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
function checkWindow(start, end, where3, problems) {
  let ok = true;
  for (const [name, value] of [["start", start], ["end", end]]) {
    if (typeof value !== "string" || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
      problems.add(where3, `${name} (${value === void 0 ? "missing" : JSON.stringify(value)}) must be an RFC 3339 time with a zone, such as "2026-11-20T10:00:00Z"`);
      ok = false;
    }
  }
  if (!ok) return void 0;
  if (Date.parse(end) < Date.parse(start)) {
    problems.add(where3, `end (${String(end)}) is before start (${String(start)}): swap them`);
    return void 0;
  }
  return { start, end };
}
function emptyArms() {
  return { control: {}, canary: {} };
}
function buildSnapshot(window, arms, segments, requests) {
  return {
    window,
    arms,
    ...requests ? { requests } : {},
    ...segments && Object.keys(segments).length > 0 ? { segments } : {}
  };
}

// src/core/metrics/arm-data-fields.ts
var METRIC_SHAPES = '{"successes", "trials"} for a rate, {"n", "mean", "sd"} for a summary, {"samples": [...]} for raw values or {"buckets": [{"le", "count"}, ...]} for a histogram';
var FIELDS_BY_KIND = {
  counts: ["successes", "trials"],
  summary: ["n", "mean", "sd"],
  samples: ["samples"],
  histogram: ["buckets"]
};
var KNOWN_FIELDS = /* @__PURE__ */ new Set(["kind", ...Object.values(FIELDS_BY_KIND).flat()]);
function parseArmData(fields) {
  const unknown = Object.keys(fields).filter((key2) => !KNOWN_FIELDS.has(key2));
  if (unknown.length > 0) {
    return fail(`unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}: a metric is ${METRIC_SHAPES}`);
  }
  const kinds = Object.keys(FIELDS_BY_KIND).filter((kind2) => FIELDS_BY_KIND[kind2].some((f) => f in fields));
  if (kinds.length === 0) return fail(`no data: a metric is ${METRIC_SHAPES}`);
  if (kinds.length > 1) {
    const present = kinds.map((k) => FIELDS_BY_KIND[k].filter((f) => f in fields).join("/")).join(" and ");
    return fail(`mixes ${present}: give one shape per metric (${METRIC_SHAPES})`);
  }
  const kind = kinds[0];
  if (fields["kind"] !== void 0 && fields["kind"] !== kind) {
    return fail(`kind "${String(fields["kind"])}" does not match its fields, which describe ${kind}: remove "kind" or fix the fields`);
  }
  const missing = FIELDS_BY_KIND[kind].filter((f) => !(f in fields));
  if (missing.length > 0) return fail(`${kind} needs ${FIELDS_BY_KIND[kind].join(", ")}: add ${missing.join(", ")}`);
  switch (kind) {
    case "counts":
      return parseCounts(fields["successes"], fields["trials"]);
    case "summary":
      return parseSummary(fields["n"], fields["mean"], fields["sd"]);
    case "samples":
      return parseSamples(fields["samples"]);
    case "histogram":
      return parseBuckets(fields["buckets"]);
  }
}
function parseCounts(successes, trials) {
  if (!isWhole(trials)) return fail(`trials (${show(trials)}) must be a whole number \u2265 0: the number of requests (or tasks) the rate is out of`);
  if (!isWhole(successes) || successes > trials) return fail(`successes (${show(successes)}) must be a whole number \u2264 trials (${trials}): the number of requests with the event`);
  return { ok: true, data: { kind: "counts", successes, trials } };
}
function parseSummary(n, mean, sd) {
  if (!isWhole(n)) return fail(`n (${show(n)}) must be a whole number \u2265 0: the number of observations`);
  if (typeof mean !== "number" || !Number.isFinite(mean)) return fail(`mean (${show(mean)}) must be a finite number`);
  if (typeof sd !== "number" || !Number.isFinite(sd) || sd < 0) return fail(`sd (${show(sd)}) must be a finite number \u2265 0: the sample standard deviation (n \u2212 1 denominator)`);
  return { ok: true, data: { kind: "summary", n, mean, sd } };
}
function parseSamples(samples) {
  if (!Array.isArray(samples)) return fail(`samples must be an array of numbers, got ${show(samples)}`);
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (typeof v !== "number" || !Number.isFinite(v)) return fail(`samples[${i}] (${show(v)}) must be a finite number`);
  }
  return { ok: true, data: { kind: "samples", values: samples } };
}
function parseBuckets(buckets) {
  if (!Array.isArray(buckets) || buckets.length === 0) return fail('buckets must be a non-empty array of {"le": bound, "count": observations \u2264 bound}');
  const out = [];
  for (const [i, bucket] of buckets.entries()) {
    if (typeof bucket !== "object" || bucket === null || Array.isArray(bucket)) return fail(`buckets[${i}] must be {"le": bound, "count": observations \u2264 bound}`);
    const { le: rawLe, count, ...rest } = bucket;
    const extra = Object.keys(rest);
    if (extra.length > 0) return fail(`buckets[${i}] has unknown field "${extra[0]}": a bucket is {"le", "count"}`);
    const le = parseBound(rawLe);
    if (le === void 0) return fail(`buckets[${i}].le (${show(rawLe)}) must be a number or "+Inf"`);
    if (!isWhole(count)) return fail(`buckets[${i}].count (${show(count)}) must be a whole number \u2265 0`);
    const previous = out[out.length - 1];
    if (previous && !(le > previous.le)) return fail(`buckets[${i}].le (${show(rawLe)}) must be greater than buckets[${i - 1}].le (${previous.le}): list buckets in increasing order`);
    if (previous && count < previous.count) {
      return fail(`buckets[${i}].count (${count}) is less than buckets[${i - 1}].count (${previous.count}): buckets are cumulative (count = observations \u2264 le), as Prometheus exports them`);
    }
    out.push({ le, count });
  }
  return { ok: true, data: { kind: "histogram", buckets: out } };
}
function parseBound(value) {
  if (typeof value === "number") return Number.isNaN(value) ? void 0 : value;
  if (typeof value !== "string") return void 0;
  const text = value.trim();
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (text === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return void 0;
  return Number(text);
}
function isWhole(value) {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
function show(value) {
  if (value === void 0) return "missing";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}
function fail(error) {
  return { ok: false, error };
}

// src/core/metrics/parse-metrics-csv.ts
var REQUIRED_COLUMNS = ["arm", "metric", "field", "value"];
var OPTIONAL_COLUMNS = ["le", "segment_attribute", "segment_value", "stage", "window_start", "window_end"];
var SINGLE_FIELDS = /* @__PURE__ */ new Set(["successes", "trials", "n", "mean", "sd"]);
var FIELDS = ["successes", "trials", "n", "mean", "sd", "sample", "bucket", "requests"];
function parseMetricsCsv(text, opts) {
  const problems = new ProblemList(opts.file);
  const records = readCsvRecords(text);
  const header = records.next();
  if (header.done) {
    problems.add("line 1", `the file is empty: the first line must name the columns, such as "arm,metric,field,value"`);
    return problems.result();
  }
  const columns = /* @__PURE__ */ new Map();
  for (const [index, raw] of header.value.fields.entries()) {
    const name = raw.trim().toLowerCase();
    if (!REQUIRED_COLUMNS.includes(name) && !OPTIONAL_COLUMNS.includes(name)) {
      problems.add(`line ${header.value.line}`, `unknown column "${raw}": the columns are ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(", ")}`);
      continue;
    }
    if (columns.has(name)) problems.add(`line ${header.value.line}`, `column "${name}" appears twice: keep one`);
    columns.set(name, index);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    problems.add(`line ${header.value.line}`, `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: the header must name at least arm, metric, field, value`);
  }
  if (problems.items.length > 0) return problems.result();
  const cell5 = (fields, column) => {
    const index = columns.get(column);
    return index === void 0 ? "" : (fields[index] ?? "").trim();
  };
  const entries = /* @__PURE__ */ new Map();
  const requests = {};
  const stages = /* @__PURE__ */ new Set();
  const windowSeen = {};
  for (const record of records) {
    if (problems.full) break;
    const { fields, line: line2 } = record;
    const at = `line ${line2}`;
    if (fields.length !== header.value.fields.length) {
      problems.add(at, `has ${fields.length} cells but the header has ${header.value.fields.length}: quote cells that contain commas`);
      continue;
    }
    const stage = cell5(fields, "stage");
    if (stage !== "") {
      stages.add(stage);
      if (opts.stage !== void 0 && stage !== opts.stage) continue;
    }
    const arm = cell5(fields, "arm");
    if (arm !== "control" && arm !== "canary") {
      problems.add(at, `arm "${arm}" must be control (the champion) or canary (the challenger)`);
      continue;
    }
    const field = cell5(fields, "field");
    if (!FIELDS.includes(field)) {
      problems.add(at, `field "${field}" must be one of ${FIELDS.join(", ")}`);
      continue;
    }
    const rawValue = cell5(fields, "value");
    const value = rawValue === "" ? Number.NaN : Number(rawValue);
    if (!Number.isFinite(value)) {
      problems.add(at, `value "${rawValue}" must be a finite number`);
      continue;
    }
    for (const bound of ["start", "end"]) {
      const text2 = cell5(fields, bound === "start" ? "window_start" : "window_end");
      if (text2 === "") continue;
      const seen = windowSeen[bound];
      if (!seen) windowSeen[bound] = { value: text2, line: line2 };
      else if (seen.value !== text2) problems.add(at, `window_${bound} "${text2}" differs from "${seen.value}" on line ${seen.line}: one file covers one window`);
    }
    const metric = cell5(fields, "metric");
    const attribute = cell5(fields, "segment_attribute");
    const segmentValue = cell5(fields, "segment_value");
    if (attribute === "" !== (segmentValue === "")) {
      problems.add(at, "segment_attribute and segment_value go together: fill both (a segment row) or neither (an aggregate row)");
      continue;
    }
    if (field === "requests") {
      if (metric !== "" || attribute !== "") {
        problems.add(at, "a requests row counts an arm's requests over the whole window: leave metric and the segment columns empty");
        continue;
      }
      if (!Number.isSafeInteger(value) || value < 0) {
        problems.add(at, `requests (${rawValue}) must be a whole number \u2265 0`);
        continue;
      }
      const previous = requests[arm];
      if (previous) problems.add(at, `repeats the ${arm} requests row of line ${previous.line}: keep one`);
      else requests[arm] = { n: value, line: line2 };
      continue;
    }
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(metric)) {
      problems.add(at, `metric "${metric}" must be a metric name (lower-case letters, digits and underscores, starting with a letter)`);
      continue;
    }
    const entryKey = `${attribute}\0${segmentValue}\0${arm}\0${metric}`;
    let entry = entries.get(entryKey);
    if (!entry) {
      entry = { arm, metric, fields: {}, fieldLines: {}, firstLine: line2, lastLine: line2, ...attribute === "" ? {} : { segment: { attribute, value: segmentValue } } };
      entries.set(entryKey, entry);
    }
    entry.lastLine = line2;
    if (field === "sample") {
      (entry.samples ??= []).push(value);
    } else if (field === "bucket") {
      const rawLe = cell5(fields, "le");
      const le = parseBound(rawLe);
      if (le === void 0) {
        problems.add(at, `a bucket row needs its upper bound in the le column (a number or +Inf), got "${rawLe}"`);
        continue;
      }
      (entry.buckets ??= []).push({ le, count: value, line: line2 });
    } else if (SINGLE_FIELDS.has(field)) {
      const first = entry.fieldLines[field];
      if (first !== void 0) {
        problems.add(at, `repeats ${describe(entry)} ${field} (first on line ${first}): keep one row per field`);
        continue;
      }
      entry.fields[field] = value;
      entry.fieldLines[field] = line2;
    }
  }
  if (opts.stage === void 0 && stages.size > 1) {
    problems.add("stage column", `the file has rows for several stages (${[...stages].join(", ")}) and no stage was named: name one (--stage)`);
  }
  const arms = emptyArms();
  const segments = {};
  for (const entry of entries.values()) {
    if (problems.full) break;
    const fields = { ...entry.fields };
    if (entry.samples) fields["samples"] = entry.samples;
    if (entry.buckets) {
      const sorted = [...entry.buckets].sort((a, b) => a.le - b.le);
      const duplicate = sorted.find((b, i) => i > 0 && b.le === sorted[i - 1].le);
      if (duplicate) {
        problems.add(`line ${duplicate.line}`, `repeats the bucket le=${duplicate.le} of ${describe(entry)}: keep one row per bound`);
        continue;
      }
      fields["buckets"] = sorted.map(({ le, count }) => ({ le, count }));
    }
    const parsed = parseArmData(fields);
    if (!parsed.ok) {
      const lines = entry.firstLine === entry.lastLine ? `line ${entry.firstLine}` : `lines ${entry.firstLine}\u2013${entry.lastLine}`;
      problems.add(`${lines} (${describe(entry)})`, parsed.error);
      continue;
    }
    target(entry, arms, segments)[entry.metric] = parsed.data;
  }
  let window;
  if (windowSeen.start || windowSeen.end) {
    window = checkWindow(windowSeen.start?.value, windowSeen.end?.value, `line ${windowSeen.start?.line ?? windowSeen.end?.line}`, problems);
  } else if (opts.defaultWindow) {
    window = { ...opts.defaultWindow };
  } else {
    problems.add("window", "missing: add window_start and window_end columns (RFC 3339 times such as 2026-11-20T10:00:00Z), the period the numbers cover");
  }
  if (problems.items.length > 0 || !window) return problems.result();
  const requestCounts = requests.control || requests.canary ? { control: requests.control?.n ?? 0, canary: requests.canary?.n ?? 0 } : void 0;
  return { ok: true, snapshot: buildSnapshot(window, arms, segments, requestCounts), stages: [...stages] };
}
function target(entry, arms, segments) {
  if (!entry.segment) return arms[entry.arm];
  const byValue = segments[entry.segment.attribute] ??= {};
  const segmentArms = byValue[entry.segment.value] ??= emptyArms();
  return segmentArms[entry.arm];
}
function describe(entry) {
  const segment = entry.segment ? ` ${entry.segment.attribute}=${entry.segment.value}` : "";
  return `${entry.arm} ${entry.metric}${segment}`;
}
function* readCsvRecords(text) {
  let i = text.charCodeAt(0) === 65279 ? 1 : 0;
  let line2 = 1;
  const length = text.length;
  while (i < length) {
    const start = line2;
    const first = text.charCodeAt(i);
    if (first === 10 || first === 13 || first === 35) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? length : end + 1;
      line2++;
      continue;
    }
    const fields = [];
    let cellText = "";
    let quoted2 = false;
    let atCellStart = true;
    for (; i < length; i++) {
      const c = text[i];
      if (quoted2) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            cellText += '"';
            i++;
          } else quoted2 = false;
        } else {
          if (c === "\n") line2++;
          cellText += c;
        }
        continue;
      }
      if (c === '"' && atCellStart) {
        quoted2 = true;
        atCellStart = false;
      } else if (c === ",") {
        fields.push(cellText);
        cellText = "";
        atCellStart = true;
      } else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        i++;
        line2++;
        break;
      } else {
        cellText += c;
        atCellStart = false;
      }
    }
    fields.push(cellText);
    yield { fields, line: start };
  }
}

// src/core/metrics/parse-metrics-json.ts
var SECTION_KEYS = ["window", "requests", "arms", "segments", "description"];
var TOP_KEYS = [...SECTION_KEYS, "stages"];
function parseMetricsJson(text, opts) {
  const problems = new ProblemList(opts.file);
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    problems.add(jsonErrorPlace(text, error.message), `not valid JSON (${error.message}): fix the syntax, or name the file .csv if it is CSV`);
    return problems.result();
  }
  if (!isObject(document)) {
    problems.add("(top level)", `must be an object {"window", "arms": {"control", "canary"}}, got ${show(document)}`);
    return problems.result();
  }
  checkKeys(document, TOP_KEYS, "(top level)", problems);
  const stageSections = isObject(document["stages"]) ? document["stages"] : void 0;
  if (document["stages"] !== void 0 && !stageSections) problems.add("stages", 'must be an object: stage name \u2192 {"window", "arms", ...}');
  const stages = stageSections ? Object.keys(stageSections) : [];
  const hasTop = document["arms"] !== void 0;
  let section = document;
  let where3 = "";
  if (opts.stage !== void 0 && stageSections && opts.stage in stageSections) {
    const chosen = stageSections[opts.stage];
    if (!isObject(chosen)) {
      problems.add(`stages.${key(opts.stage)}`, 'must be an object {"window", "arms", ...}');
      return problems.result();
    }
    section = chosen;
    where3 = `stages.${key(opts.stage)}.`;
    checkKeys(section, SECTION_KEYS, `stages.${key(opts.stage)}`, problems);
  } else if (!hasTop) {
    if (stages.length === 1 && opts.stage === void 0) {
      const only = stageSections[stages[0]];
      if (!isObject(only)) {
        problems.add(`stages.${key(stages[0])}`, 'must be an object {"window", "arms", ...}');
        return problems.result();
      }
      section = only;
      where3 = `stages.${key(stages[0])}.`;
      checkKeys(section, SECTION_KEYS, `stages.${key(stages[0])}`, problems);
    } else if (stages.length > 0) {
      const wanted = opts.stage === void 0 ? "no stage was named" : `there is no section for stage "${opts.stage}"`;
      problems.add("stages", `${wanted} and the file has no top-level "arms": the file has sections for ${stages.join(", ")}; name one (--stage) or add top-level "arms"`);
      return problems.result();
    } else {
      problems.add("arms", 'missing: add {"arms": {"control": {metric: data}, "canary": {metric: data}}}');
      return problems.result();
    }
  }
  const rawWindow = section["window"] ?? document["window"];
  let window;
  if (rawWindow === void 0) {
    if (opts.defaultWindow) window = { ...opts.defaultWindow };
    else problems.add(`${where3}window`, 'missing: add {"window": {"start": "2026-11-20T10:00:00Z", "end": "2026-11-20T11:00:00Z"}}, the period the numbers cover');
  } else if (!isObject(rawWindow)) {
    problems.add(`${where3}window`, 'must be an object {"start", "end"}');
  } else {
    checkKeys(rawWindow, ["start", "end"], `${where3}window`, problems);
    window = checkWindow(rawWindow["start"], rawWindow["end"], section["window"] !== void 0 ? `${where3}window` : "window", problems);
  }
  const requests = section["requests"] === void 0 ? void 0 : parseRequests(section["requests"], `${where3}requests`, problems);
  const arms = parseArms(section["arms"], `${where3}arms`, problems);
  const segments = section["segments"] === void 0 ? void 0 : parseSegments(section["segments"], `${where3}segments`, problems);
  if (problems.items.length > 0 || !window || !arms) return problems.result();
  return { ok: true, snapshot: buildSnapshot(window, arms, segments, requests), stages };
}
function parseArms(value, where3, problems) {
  if (!isObject(value)) {
    problems.add(where3, `must be an object {"control": {metric: data}, "canary": {metric: data}}, got ${show(value)}`);
    return void 0;
  }
  checkKeys(value, ARMS, where3, problems, 'the arms are "control" (the champion) and "canary" (the challenger)');
  const arms = emptyArms();
  for (const arm of ARMS) {
    const metrics = value[arm];
    if (metrics === void 0) {
      problems.add(`${where3}.${arm}`, `missing: add "${arm}": {metric: data} (an empty object if the arm has no data yet)`);
      continue;
    }
    if (!isObject(metrics)) {
      problems.add(`${where3}.${arm}`, `must be an object mapping metric names to data, got ${show(metrics)}`);
      continue;
    }
    for (const [metric, fields] of Object.entries(metrics)) {
      if (problems.full) return arms;
      const at = `${where3}.${arm}.${key(metric)}`;
      if (!isObject(fields)) {
        problems.add(at, `must be an object such as {"successes": 41, "trials": 5000}, got ${show(fields)}`);
        continue;
      }
      const parsed = parseArmData(fields);
      if (parsed.ok) arms[arm][metric] = parsed.data;
      else problems.add(at, parsed.error);
    }
  }
  return arms;
}
function parseSegments(value, where3, problems) {
  if (!isObject(value)) {
    problems.add(where3, 'must be an object: attribute \u2192 value \u2192 {"control", "canary"}, such as {"tenant": {"acme": {"control": {...}, "canary": {...}}}}');
    return void 0;
  }
  const segments = {};
  for (const [attribute, values] of Object.entries(value)) {
    if (!isObject(values)) {
      problems.add(`${where3}.${key(attribute)}`, 'must be an object: segment value \u2192 {"control", "canary"}');
      continue;
    }
    const byValue = {};
    for (const [segmentValue, arms] of Object.entries(values)) {
      const parsed = parseArms(arms, `${where3}.${key(attribute)}.${key(segmentValue)}`, problems);
      if (parsed) byValue[segmentValue] = parsed;
    }
    segments[attribute] = byValue;
  }
  return segments;
}
function parseRequests(value, where3, problems) {
  if (!isObject(value)) {
    problems.add(where3, 'must be {"control": requests, "canary": requests}');
    return void 0;
  }
  checkKeys(value, ARMS, where3, problems);
  const out = { control: 0, canary: 0 };
  for (const arm of ARMS) {
    const n = value[arm];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      problems.add(`${where3}.${arm}`, `(${show(n)}) must be a whole number \u2265 0: the requests this arm served in the window`);
      return void 0;
    }
    out[arm] = n;
  }
  return out;
}
function checkKeys(value, allowed, where3, problems, hint) {
  for (const k of Object.keys(value)) {
    if (allowed.includes(k) || k.startsWith("$") || k.startsWith("_")) continue;
    problems.add(where3, `unknown key "${k}": ${hint ?? `expected ${allowed.map((a) => `"${a}"`).join(", ")}`}`);
  }
}
function key(name) {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? name : JSON.stringify(name);
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function jsonErrorPlace(text, message) {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return text.trim() === "" ? "line 1" : "(JSON)";
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line2 = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line2}, column ${column}`;
}

// src/core/metrics/parse-metrics-file.ts
function parseMetricsFile(text, opts) {
  const format = opts.format ?? metricsFileFormat(opts.file);
  return format === "csv" ? parseMetricsCsv(text, opts) : parseMetricsJson(text, opts);
}

// src/core/metrics/select-metrics.ts
function selectMetrics(snapshot, definitions) {
  const pick = (metrics) => {
    const out = {};
    for (const definition of definitions) {
      const data = metrics[fileKey(definition)];
      if (data) out[definition.name] = data;
    }
    return out;
  };
  const arms = (byArm) => ({ control: pick(byArm.control), canary: pick(byArm.canary) });
  let segments;
  if (snapshot.segments) {
    segments = {};
    for (const [attribute, values] of Object.entries(snapshot.segments)) {
      const byValue = {};
      for (const [value, byArm] of Object.entries(values)) byValue[value] = arms(byArm);
      segments[attribute] = byValue;
    }
  }
  return {
    window: snapshot.window,
    arms: arms(snapshot.arms),
    ...snapshot.requests ? { requests: snapshot.requests } : {},
    ...segments ? { segments } : {}
  };
}
function fileKey(definition) {
  const query = definition.query?.trim();
  return query ? query : definition.name;
}

// src/adapters/metrics/file.ts
var METRICS_FILE_MAX_BYTES = 256 * 1024 * 1024;
async function readMetricsFile(path, opts) {
  const maxBytes = opts.maxBytes ?? METRICS_FILE_MAX_BYTES;
  let text;
  try {
    const handle = await open(path, "r");
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { ok: false, error: `${opts.display} is not a file` };
      if (info.size > maxBytes) {
        return { ok: false, error: `${opts.display} is ${mib(info.size)}; metrics files may be at most ${mib(maxBytes)}: export sufficient statistics (counts, summaries, histogram buckets) instead of raw samples` };
      }
      text = await handle.readFile({ encoding: "utf8" });
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code2 = error.code;
    if (code2 === "ENOENT") return { ok: false, error: `${opts.display} does not exist: the step that exports the metrics must run before Glidepath reads them` };
    return { ok: false, error: `${opts.display} cannot be read (${code2 ?? error.message})` };
  }
  const parsed = parseMetricsFile(text, {
    file: opts.display,
    ...opts.format ? { format: opts.format } : {},
    ...opts.stage !== void 0 ? { stage: opts.stage } : {},
    ...opts.defaultWindow ? { defaultWindow: opts.defaultWindow } : {}
  });
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, snapshot: selectMetrics(parsed.snapshot, opts.metrics) };
}
function createFileMetricsSource(source, ctx) {
  return {
    type: "file",
    async query(query) {
      const path = source.path.replaceAll("{release}", query.release).replaceAll("{stage}", query.stage);
      const absolute = resolve2(ctx.root, path);
      const rel = relative3(resolve2(ctx.root), absolute);
      if (isAbsolute(path) || rel === ".." || rel.startsWith(`..${sep3}`) || isAbsolute(rel)) {
        return { ok: false, error: `metrics source ${source.name}: path ${path} leads outside the repository: give a path relative to the repository root` };
      }
      return readMetricsFile(absolute, {
        display: path,
        stage: query.stage,
        defaultWindow: { start: query.window.start.toISOString(), end: query.window.end.toISOString() },
        metrics: query.metrics
      });
    }
  };
}
function mib(bytes) {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

// src/core/gates/evaluation-report.ts
function buildEvaluationReport(input) {
  const { judgement: j, decision } = input;
  return {
    release: j.release,
    policy: input.policy,
    stage: j.stage,
    at: input.at,
    window: input.window ? { start: input.window.start, end: input.window.end } : null,
    metricsFile: input.metricsFile,
    dryRun: true,
    decision: decision.decision,
    outcome: j.outcome,
    reason: decision.reason,
    srm: {
      verdict: j.srm.verdict,
      pValue: finite(j.srm.pValue),
      statistic: finite(j.srm.statistic),
      expectedCanaryShare: finite(j.srm.expectedCanaryShare),
      observed: j.srm.observed ? { ...j.srm.observed } : null,
      reason: j.srm.reason ?? null
    },
    samples: { ...j.samples },
    gates: j.gates.map((v) => verdictReport(v, false)),
    rollback: j.rollback.map((v) => verdictReport(v, true)),
    analysis: j.analysis ? { ...j.analysis } : null,
    sourceError: j.sourceError ?? null
  };
}
function verdictReport(v, criterion) {
  const e = v.evidence;
  return {
    gate: v.gate,
    metric: v.metric,
    test: e?.test ?? null,
    verdict: v.verdict,
    reason: v.reason,
    ...v.critical ? { critical: true } : {},
    ...criterion ? { fired: v.verdict === "fail" } : {},
    ...v.skipped ? { skipped: v.skipped } : {},
    statistic: finite(e?.statistic),
    pValue: finite(e?.pValue),
    rawPValue: finite(e?.rawPValue),
    passPValue: finite(e?.passPValue),
    effect: finite(e?.effect),
    interval: e?.interval ? [finite(e.interval[0]), finite(e.interval[1])] : null,
    threshold: finite(e?.threshold),
    passThreshold: finite(e?.passThreshold),
    estimates: e?.estimates ? { control: finite(e.estimates.control), canary: finite(e.estimates.canary) } : null,
    n: e?.n ? { ...e.n } : { control: 0, canary: 0 },
    ...v.segment ? { segment: { ...v.segment } } : {},
    ...v.segments ? { segments: v.segments.map((s) => verdictReport(s, criterion)) } : {}
  };
}
function finite(x) {
  return x !== void 0 && Number.isFinite(x) ? x : null;
}
function renderEvaluationText(report, metrics) {
  const definitions = new Map(metrics.map((m) => [m.name, m]));
  const headline = `${report.decision.toUpperCase()} ${report.stage}: ${shorten(report.reason, 140)}`;
  const window = report.window ? `${report.window.start} \u2013 ${report.window.end}` : "unknown window";
  const lines = [
    headline,
    "",
    `release ${report.release} \xB7 policy ${report.policy} \xB7 stage ${report.stage} \xB7 outcome ${report.outcome}`,
    `metrics ${report.metricsFile} (${window}) \xB7 n = ${formatCount2(report.samples.canary)} canary / ${formatCount2(report.samples.control)} control`,
    `split: ${report.srm.verdict}${report.srm.reason ? ` \u2014 ${report.srm.reason}` : ""}`
  ];
  if (report.sourceError) lines.push(`source error: ${report.sourceError}`);
  const header = ["metric", "test", "verdict", "effect", "interval", "bound"];
  const rows = (items, criteria) => items.flatMap((v) => [row(v, definitions.get(v.metric), criteria), ...(v.segments ?? []).map((s) => row({ ...s, gate: `  ${s.segment?.attribute}=${s.segment?.value}` }, definitions.get(s.metric), criteria))]);
  if (report.gates.length > 0) lines.push("", ...table2([["gate", ...header, "p worse", "p within"], ...rows(report.gates, false)]));
  if (report.rollback.length > 0) lines.push("", ...table2([["rollback criterion", ...header, "p"], ...rows(report.rollback, true)]));
  lines.push("", `reason: ${report.reason}`);
  const notes = [...report.gates, ...report.rollback].filter((v) => v.verdict !== "pass").map((v) => `  ${v.gate}: ${v.reason}`);
  if (notes.length > 0) lines.push("", "not passing:", ...notes);
  return `${lines.join("\n")}
`;
}
function row(v, metric, criterion) {
  const verdict = v.fired === void 0 ? v.verdict : v.skipped ? "skipped" : v.fired ? "FIRED" : v.verdict === "no-data" ? "no-data" : "not fired";
  const absolute = v.test === "quantile" || v.estimates?.control === null && v.estimates?.canary !== null;
  const show2 = (x) => {
    if (x === null) return "\u2013";
    if (!metric) return String(Number(x.toPrecision(3)));
    if (v.test === "mann-whitney") return `${x >= 0 ? "+" : "\u2212"}${Math.abs(x).toFixed(3)}`;
    return absolute ? formatValue(x, metric) : formatDifference(x, metric);
  };
  const interval = v.interval ? `${show2(v.interval[0])} to ${show2(v.interval[1])}` : "\u2013";
  const p = (x) => x === null ? "\u2013" : formatP(x);
  const cells = [v.gate + (v.critical ? " (critical)" : ""), v.metric, v.test ?? "\u2013", verdict, show2(v.effect), interval, show2(v.threshold), p(v.pValue)];
  return criterion ? cells : [...cells, p(v.passPValue)];
}
function table2(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c] ?? ""].length)));
  return rows.map((r) => r.map((cell5, c) => c === r.length - 1 ? cell5 : cell5.padEnd(widths[c])).join("  ").trimEnd());
}
function shorten(text, max) {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}\u2026`;
}

// src/core/metrics/arm-data.ts
function sampleSize(data) {
  switch (data.kind) {
    case "counts":
      return data.trials;
    case "summary":
      return data.n;
    case "samples":
      return data.values.length;
    case "histogram":
      return data.buckets.length === 0 ? 0 : Math.max(...data.buckets.map((b) => b.count));
  }
}

// src/core/metrics/arm-requests.ts
function armRequests(snapshot) {
  if (snapshot.requests) return { control: snapshot.requests.control, canary: snapshot.requests.canary };
  const largest = (arm) => Object.values(snapshot.arms[arm]).reduce((max, data) => Math.max(max, sampleSize(data)), 0);
  return { control: largest("control"), canary: largest("canary") };
}

// src/core/gates/check-split.ts
function checkSplit(input) {
  const { stage, canaryWeight: w, requests, srmAlpha } = input;
  const observed = { control: requests.control, canary: requests.canary };
  const notApplicable = (reason) => ({ verdict: "not-applicable", observed, reason });
  if (stage.mode === "shadow") return notApplicable("shadow stage: both arms see every request (the challenger a mirrored copy), so there is no split to check");
  if (stage.segment) return notApplicable(`ring stage: the canary's share depends on how much traffic ${stage.segment.attribute} \u2208 {${stage.segment.values.join(", ")}} carries, which the metrics do not say`);
  if (w === void 0) return notApplicable("the stage has no configured weight to check the split against");
  if (!(w > 0 && w < 100)) return notApplicable(`at ${w}% every request goes to one arm, so there is no split to check`);
  const total = requests.control + requests.canary;
  if (total === 0) return notApplicable("no requests yet");
  const result = srmTest([requests.control, requests.canary], [100 - w, w]);
  const expectedCanaryShare = w / 100;
  const share = requests.canary / total;
  const se = Math.sqrt(expectedCanaryShare * (1 - expectedCanaryShare) / total);
  const tuneTotal = input.tuneN / Math.min(expectedCanaryShare, 1 - expectedCanaryShare);
  const pValue = alwaysValidPValue(share, se, total, expectedCanaryShare, { alternative: "two.sided", tuneN: tuneTotal });
  const base = { statistic: result.statistic, pValue, expectedCanaryShare, observed };
  const shares = `the canary received ${percent(share)} of requests (${formatCount2(requests.canary)} of ${formatCount2(total)}), expected ${percent(expectedCanaryShare)}`;
  if (pValue < srmAlpha) {
    return {
      ...base,
      verdict: "mismatch",
      reason: `the traffic split is broken: ${shares} (always-valid ${pPhrase(pValue)} < ${srmAlpha}); no gate verdict counts until it is fixed \u2014 check the provider's flag, that its bucketing key is sticky, and that neither arm drops or double-logs requests`
    };
  }
  return { ...base, verdict: "ok", reason: `${shares} (always-valid ${pPhrase(pValue)})` };
}
function percent(share) {
  return `${Number((share * 100).toPrecision(3))}%`;
}

// src/core/metrics/distribution-view.ts
var sortedCache = /* @__PURE__ */ new WeakMap();
var bucketCache = /* @__PURE__ */ new WeakMap();
function distributionView(data) {
  if (data.kind === "samples") return samplesView(data.values);
  if (data.kind === "histogram") return histogramView(data.buckets);
  return void 0;
}
function summaryOf(data) {
  switch (data.kind) {
    case "counts":
      return void 0;
    case "summary":
      return { n: data.n, mean: data.mean, sd: data.sd };
    case "samples":
      return summarize(data.values);
    case "histogram": {
      const s = summarizeHistogram(data.buckets);
      return { n: s.n, mean: s.mean, sd: s.sd };
    }
  }
}
function samplesView(values) {
  let sorted = sortedCache.get(values);
  if (!sorted) {
    const finite2 = [];
    for (const v of values) if (Number.isFinite(v)) finite2.push(v);
    sorted = Float64Array.from(finite2).sort();
    sortedCache.set(values, sorted);
  }
  const data = sorted;
  const n = data.length;
  return {
    source: "samples",
    n,
    cdf: (x) => n === 0 ? Number.NaN : countAtOrBelow(data, x) / n,
    quantile: (q) => n === 0 ? Number.NaN : quantileType7(data, q),
    buckets: () => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const last = out[out.length - 1];
        if (last && last.le === data[i]) out[out.length - 1] = { le: last.le, count: i + 1 };
        else out.push({ le: data[i], count: i + 1 });
      }
      return out;
    }
  };
}
function histogramView(raw) {
  let buckets = bucketCache.get(raw);
  if (!buckets) {
    buckets = normalizeHistogram(raw);
    bucketCache.set(raw, buckets);
  }
  const b = buckets;
  const n = b.length === 0 ? 0 : b[b.length - 1].count;
  return {
    source: "histogram",
    n,
    cdf: (x) => n === 0 ? Number.NaN : histogramCountAtOrBelow(b, x) / n,
    quantile: (q) => histogramQuantile(b, q),
    buckets: () => b
  };
}
function histogramCountAtOrBelow(buckets, x) {
  let below = 0;
  let start = Number.NaN;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i];
    const lower = i === 0 ? bucket.le > 0 ? 0 : bucket.le : start;
    if (x < bucket.le) {
      if (bucket.le === Infinity || !(x > lower)) return below;
      return below + (bucket.count - below) * (x - lower) / (bucket.le - lower);
    }
    below = bucket.count;
    start = bucket.le;
  }
  return below;
}
function countAtOrBelow(sorted, x) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function quantileType7(sorted, q) {
  if (!(q >= 0)) return q < 0 ? -Infinity : Number.NaN;
  if (q > 1) return Infinity;
  const index = 1 + (sorted.length - 1) * q;
  const lo = Math.floor(index);
  const low = sorted[lo - 1];
  const high = sorted[Math.ceil(index) - 1];
  return index === lo || high === low ? low : low + (index - lo) * (high - low);
}

// src/core/gates/contrast.ts
function rateEstimate(data) {
  if (data.kind !== "counts") return void 0;
  const { successes, trials } = data;
  if (trials === 0) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const shrunk = (successes + 0.5) / (trials + 1);
  return { value: successes / trials, variance: shrunk * (1 - shrunk) / trials, n: trials };
}
function meanEstimate(data) {
  const summary = summaryOf(data);
  if (!summary) return void 0;
  return { value: summary.mean, variance: summary.n >= 2 ? summary.sd * summary.sd / summary.n : Number.NaN, n: summary.n };
}
function differenceContrast(control, canary, margin, worse) {
  const sign = worse === "higher" ? 1 : -1;
  const relative5 = margin.kind === "relative";
  const weight = relative5 ? sign + margin.value : sign;
  return {
    estimate: sign * (canary.value - control.value),
    threshold: relative5 ? margin.value * control.value : margin.value,
    standardError: Math.sqrt(canary.variance + weight * weight * control.variance)
  };
}
function boundContrast(arm, bound, beyond) {
  return {
    estimate: beyond === "above" ? arm.value - bound : bound - arm.value,
    threshold: 0,
    standardError: Math.sqrt(arm.variance)
  };
}
function quantileContrast(view, q, bound, beyond) {
  const share = view.cdf(bound);
  return {
    estimate: beyond === "above" ? q - share : share - q,
    threshold: 0,
    standardError: view.n > 0 ? Math.sqrt(q * (1 - q) / view.n) : Number.NaN
  };
}
function beyondPValue(c, n, tuneN) {
  if (!(c.standardError > 0) || !Number.isFinite(c.standardError) || !Number.isFinite(c.estimate)) return 1;
  return alwaysValidPValue(c.estimate, c.standardError, n, c.threshold, { alternative: "greater", tuneN });
}
function withinPValue(c, n, tuneN) {
  if (!Number.isFinite(c.estimate)) return 1;
  if (c.standardError === 0) return c.estimate < c.threshold && n > 0 ? 0 : 1;
  if (!(c.standardError > 0) || !Number.isFinite(c.standardError)) return 1;
  return alwaysValidPValue(c.estimate, c.standardError, n, c.threshold, { alternative: "less", tuneN });
}

// src/core/gates/measure-criterion.ts
function measureCriterion(criterion, metric, control, canary, hasControl, ctx, where3) {
  const n = { control: control ? sampleSize(control) : 0, canary: canary ? sampleSize(canary) : 0 };
  const q = criterion.quantile;
  const label = q === void 0 ? metric.name : `${metric.name} p${Number((q * 100).toPrecision(6))}`;
  const absolute = criterion.above !== void 0 ? { bound: criterion.above, beyond: "above" } : criterion.below !== void 0 ? { bound: criterion.below, beyond: "below" } : void 0;
  const relative5 = criterion.increase !== void 0 ? { margin: criterion.increase, worse: "higher" } : criterion.drop !== void 0 ? { margin: criterion.drop, worse: "lower" } : void 0;
  const test = q !== void 0 ? "quantile" : metric.type === "proportion" ? "proportions" : "welch";
  if (absolute) {
    const condition2 = `${label} ${absolute.beyond} ${formatValue(absolute.bound, metric)}`;
    if (!canary) return { status: "no-data", test, reason: `no canary data for ${metric.name}`, n };
    if (q !== void 0) {
      const view = distributionView(canary);
      if (!view) return { status: "no-data", test, reason: `${metric.name} has no samples or histogram for the canary, which a quantile criterion needs`, n };
      const contrast3 = quantileContrast(view, q, absolute.bound, absolute.beyond);
      const interval = quantileInterval(view, q, ctx, 2);
      const estimate = view.quantile(q);
      return measured(test, n, contrast3, view.n, ctx, estimate, interval, absolute.bound, { canary: estimate }, `canary ${label} ${formatValue(estimate, metric)} (interval ${formatValue(interval[0], metric)} to ${formatValue(interval[1], metric)})`, condition2);
    }
    const k2 = metric.type === "proportion" ? rateEstimate(canary) : meanEstimate(canary);
    if (!k2) return { status: "no-data", test, reason: `${metric.name} has the wrong kind of data for the canary (${canary.kind})`, n };
    const contrast2 = boundContrast(k2, absolute.bound, absolute.beyond);
    const cs2 = confidenceSequence(k2.value, Math.sqrt(k2.variance), k2.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
    return measured(test, n, contrast2, k2.n, ctx, k2.value, [cs2.lower, cs2.upper], absolute.bound, { canary: k2.value }, `canary ${formatValue(k2.value, metric)} (interval ${formatValue(cs2.lower, metric)} to ${formatValue(cs2.upper, metric)})`, condition2);
  }
  if (!relative5) throw new GateConfigError(`${where3}: a rollback criterion needs one of above, below, increase or drop`);
  const margin = resolveMargin(relative5.margin, `${where3}.${relative5.worse === "higher" ? "increase" : "drop"}`);
  const condition = `${label} more than ${margin.text} ${relative5.worse === "higher" ? "above" : "below"} control`;
  if (!hasControl) return { status: "skipped", test, reason: `not applicable at 100%: there is no control arm to compare ${metric.name} with (absolute criteria still apply)`, n };
  const missing = !control ? "control" : !canary ? "canary" : void 0;
  if (missing) return { status: "no-data", test, reason: `no ${missing} data for ${metric.name}`, n };
  if (q !== void 0) return measureQuantileVersusControl(test, n, control, canary, q, margin, relative5.worse, metric, label, condition, ctx);
  const estimateOf = metric.type === "proportion" ? rateEstimate : meanEstimate;
  const c = estimateOf(control);
  const k = estimateOf(canary);
  if (!c || !k) return { status: "no-data", test, reason: `${metric.name} has the wrong kind of data for a ${metric.type} metric`, n };
  const contrast = differenceContrast(c, k, margin, relative5.worse);
  const effect = k.value - c.value;
  const informationN = Math.min(c.n, k.n);
  const cs = confidenceSequence(effect, Math.sqrt(c.variance + k.variance), informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const sign = relative5.worse === "higher" ? 1 : -1;
  return measured(
    test,
    n,
    contrast,
    informationN,
    ctx,
    effect,
    [cs.lower, cs.upper],
    sign * contrast.threshold,
    { control: c.value, canary: k.value },
    `canary ${formatValue(k.value, metric)} vs control ${formatValue(c.value, metric)}: ${formatDifference(effect, metric)} (interval ${formatDifference(cs.lower, metric)} to ${formatDifference(cs.upper, metric)})`,
    condition
  );
}
function measureQuantileVersusControl(test, n, control, canary, q, margin, worse, metric, label, condition, ctx) {
  const c = distributionView(control);
  const k = distributionView(canary);
  if (!c || !k) return { status: "no-data", test, reason: `${metric.name} has no samples or histogram for the ${c ? "canary" : "control"}, which a quantile criterion needs`, n };
  const move = (x) => margin.kind === "relative" ? x * (worse === "higher" ? 1 + margin.value : 1 - margin.value) : x + (worse === "higher" ? margin.value : -margin.value);
  const contrastAt = (a) => {
    const controlBound = quantileInterval(c, q, { ...ctx, alpha: a / 2 }, 1)[worse === "higher" ? 1 : 0];
    return quantileContrast(k, q, move(controlBound), worse === "higher" ? "above" : "below");
  };
  const informationN = Math.min(c.n, k.n);
  const firesAt = (a) => beyondPValue(contrastAt(a), k.n, ctx.tuneN) <= a / 2;
  let fireP = 1;
  if (informationN > 0 && firesAt(1 - 1e-9)) {
    let lo = Math.log(1e-15);
    let hi = Math.log(1 - 1e-9);
    if (firesAt(Math.exp(lo))) hi = lo;
    else {
      for (let i = 0; i < 50; i++) {
        const mid = (lo + hi) / 2;
        if (firesAt(Math.exp(mid))) hi = mid;
        else lo = mid;
      }
    }
    fireP = Math.exp(hi);
  }
  const controlEstimate = c.quantile(q);
  const canaryEstimate = k.quantile(q);
  const threshold = move(controlEstimate);
  const interval = quantileInterval(k, q, ctx, 2);
  const contrast = contrastAt(ctx.alpha);
  return {
    status: "measured",
    test,
    n,
    fireP,
    statistic: contrast.standardError > 0 ? (contrast.estimate - contrast.threshold) / contrast.standardError : 0,
    effect: canaryEstimate - controlEstimate,
    interval: [interval[0] - controlEstimate, interval[1] - controlEstimate],
    threshold: threshold - controlEstimate,
    estimates: { control: controlEstimate, canary: canaryEstimate },
    summary: `canary ${label} ${formatValue(canaryEstimate, metric)} vs control ${formatValue(controlEstimate, metric)}`,
    condition
  };
}
function quantileInterval(view, q, ctx, sides) {
  if (view.n === 0) return [-Infinity, Infinity];
  const half = boundaryMultiplier(view.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides }) * Math.sqrt(q * (1 - q) / view.n);
  return [view.quantile(q - half), view.quantile(q + half)];
}
function measured(test, n, contrast, informationN, ctx, effect, interval, threshold, estimates, summary, condition) {
  return {
    status: "measured",
    test,
    n,
    fireP: beyondPValue(contrast, informationN, ctx.tuneN),
    statistic: contrast.standardError > 0 ? (contrast.estimate - contrast.threshold) / contrast.standardError : 0,
    effect,
    interval,
    threshold,
    estimates,
    summary,
    condition
  };
}

// src/core/gates/superiority.ts
function superiority(control, canary, scale = 1, shift = 0) {
  if (control.kind === "samples" && canary.kind === "samples") {
    const moved = scale === 1 && shift === 0 ? canary.values : canary.values.map((v) => scale * v + shift);
    const result = mannWhitneyTest(control.values, moved);
    return { theta: result.estimate, standardError: result.standardError, n: result.n };
  }
  const controlBuckets = bucketsOf(control, canary);
  const canaryBuckets = bucketsOf(canary, control);
  if (!controlBuckets || !canaryBuckets) return void 0;
  return groupedSuperiority(controlBuckets, canaryBuckets, scale, shift);
}
function bucketsOf(data, other) {
  if (data.kind === "histogram") return distributionView(data).buckets();
  if (data.kind !== "samples" || other.kind !== "histogram") return void 0;
  const view = distributionView(data);
  const bounds = distributionView(other).buckets().map((b) => b.le);
  const n = view.n;
  return bounds.map((le) => ({ le, count: le === Infinity ? n : Math.round(view.cdf(le) * n) }));
}
function groupedSuperiority(control, canary, scale = 1, shift = 0) {
  const controlCells = cellsOf(control, 1, 0);
  const canaryCells = cellsOf(canary, scale, shift);
  const edgeSet = /* @__PURE__ */ new Set();
  for (const cell5 of [...controlCells, ...canaryCells]) {
    if (Number.isFinite(cell5.lower)) edgeSet.add(cell5.lower);
    if (Number.isFinite(cell5.upper)) edgeSet.add(cell5.upper);
  }
  const edges = [...edgeSet].sort((a, b) => a - b);
  const atoms = 2 * edges.length;
  const controlMass = spread(controlCells, edges, atoms);
  const canaryMass = spread(canaryCells, edges, atoms);
  const nControl = sum(controlMass);
  const nCanary = sum(canaryMass);
  const n = { control: Math.round(nControl), canary: Math.round(nCanary) };
  if (!(nControl > 0) || !(nCanary > 0)) return { theta: 0.5, standardError: Number.NaN, n };
  let controlBelow = 0;
  let theta = 0;
  for (let a = 0; a < atoms; a++) {
    const pc = controlMass[a] / nControl;
    theta += canaryMass[a] / nCanary * (controlBelow + pc / 2);
    controlBelow += pc;
  }
  let canaryAbove = 1;
  let controlBelowAgain = 0;
  let canarySquares = 0;
  let controlSquares = 0;
  for (let a = 0; a < atoms; a++) {
    const pc = controlMass[a] / nControl;
    const pk = canaryMass[a] / nCanary;
    canaryAbove -= pk;
    const stretch = a % 2 === 1 && a < atoms - 1;
    const within = stretch ? 1 / 12 : 0;
    const canaryPlacement = controlBelowAgain + pc / 2;
    const controlPlacement = canaryAbove + pk / 2;
    canarySquares += canaryMass[a] * ((canaryPlacement - theta) ** 2 + within * pc * pc);
    controlSquares += controlMass[a] * ((controlPlacement - theta) ** 2 + within * pk * pk);
    controlBelowAgain += pc;
  }
  const canaryVariance = nCanary > 1 ? canarySquares / (nCanary - 1) : 0;
  const controlVariance = nControl > 1 ? controlSquares / (nControl - 1) : 0;
  return { theta, standardError: Math.sqrt(canaryVariance / nCanary + controlVariance / nControl), n };
}
function cellsOf(histogram, scale, shift) {
  const cells = [];
  let previousLe = Number.NaN;
  let previousCount = 0;
  for (const [i, bucket] of histogram.entries()) {
    const count = bucket.count - previousCount;
    if (count > 0) {
      const lower = i === 0 ? bucket.le > 0 ? 0 : bucket.le : previousLe;
      const upper = bucket.le;
      cells.push({ lower: upper === Infinity ? Infinity : scale * lower + shift, upper: scale * upper + shift, count });
    }
    previousLe = bucket.le;
    previousCount = bucket.count;
  }
  return cells;
}
function spread(cells, edges, atoms) {
  const mass = new Float64Array(atoms);
  for (const cell5 of cells) {
    if (cell5.lower === Infinity) {
      mass[atoms - 1] += cell5.count;
      continue;
    }
    const start = lowerIndex(edges, cell5.lower);
    if (cell5.upper === cell5.lower) {
      mass[2 * start] += cell5.count;
      continue;
    }
    const width = cell5.upper - cell5.lower;
    for (let e = start; e < edges.length - 1 && edges[e] < cell5.upper; e++) {
      mass[2 * e + 1] += cell5.count * (edges[e + 1] - edges[e]) / width;
    }
  }
  return mass;
}
function lowerIndex(edges, value) {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (edges[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

// src/core/gates/measure-gate.ts
function measureGate(name, gate, metric, control, canary, ctx) {
  const where3 = `spec.gates.${name}`;
  const versus = gate.versus ?? (gate.test === "quantile" ? "absolute" : "control");
  if (versus === "absolute") return measureAbsolute(where3, gate, metric, canary, ctx);
  if (gate.test === "quantile") throw new GateConfigError(`${where3}: a quantile gate compares the canary with an absolute bound: remove versus: control and set max (or min)`);
  const failMargin = resolveMargin(gate.maxIncrease ?? gate.nonInferiority, `${where3}.${gate.maxIncrease !== void 0 ? "maxIncrease" : "nonInferiority"}`);
  const passMargin = resolveMargin(gate.nonInferiority ?? gate.maxIncrease, `${where3}.${gate.nonInferiority !== void 0 ? "nonInferiority" : "maxIncrease"}`);
  const n = { control: control ? sampleSize(control) : 0, canary: canary ? sampleSize(canary) : 0 };
  const missing = missingData(metric, control, canary);
  if (missing) return { status: "no-data", test: gate.test, reason: missing, n };
  const worse = metric.direction === "lower-is-better" ? "higher" : "lower";
  if (gate.test === "mann-whitney") return measureRanks(where3, metric, control, canary, failMargin, passMargin, worse, ctx);
  const estimateOf = gate.test === "proportions" ? rateEstimate : meanEstimate;
  const c = estimateOf(control);
  const k = estimateOf(canary);
  if (!c || !k) {
    const needs = gate.test === "proportions" ? "counts (successes and trials)" : "a summary, samples or histogram buckets";
    return { status: "no-data", test: gate.test, reason: `${metric.name} has ${describeKind(c ? canary : control)} for the ${c ? "canary" : "control"}, but a ${gate.test} gate needs ${needs}`, n };
  }
  const fail2 = differenceContrast(c, k, failMargin, worse);
  const pass = differenceContrast(c, k, passMargin, worse);
  const effect = k.value - c.value;
  const effectSe = Math.sqrt(c.variance + k.variance);
  const sign = worse === "higher" ? 1 : -1;
  const informationN = Math.min(c.n, k.n);
  const cs = confidenceSequence(effect, effectSe, informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval = [cs.lower, cs.upper];
  const marginPhrase = (m) => m.value === 0 ? "" : ` by more than ${m.text}`;
  return {
    ...fromContrasts(gate.test, n, [fail2], [pass], informationN, ctx),
    ...degenerateOf(c, k, gate.test),
    effect,
    interval,
    threshold: sign * fail2.threshold,
    ...sameMargin(passMargin, failMargin) ? {} : { passThreshold: sign * pass.threshold },
    estimates: { control: c.value, canary: k.value },
    subject: metric.name,
    summary: `canary ${formatValue(k.value, metric)} vs control ${formatValue(c.value, metric)}: ${formatDifference(effect, metric)} (interval ${formatDifference(interval[0], metric)} to ${formatDifference(interval[1], metric)})`,
    failClaim: `worse than control${marginPhrase(failMargin)}`,
    passClaim: passMargin.value === 0 ? "no worse than control" : `within ${passMargin.text} of control`
  };
}
function measureRanks(where3, metric, control, canary, failMargin, passMargin, worse, ctx) {
  const contrastAt = (margin) => {
    let scale = 1;
    let shift = 0;
    if (margin.kind === "relative") {
      if (worse === "lower" && margin.value >= 1) throw new GateConfigError(`${where3}: a relative margin of ${margin.text} on a higher-is-better metric tolerates any drop: use a margin below 100%`);
      scale = worse === "higher" ? 1 / (1 + margin.value) : 1 / (1 - margin.value);
    } else {
      shift = worse === "higher" ? -margin.value : margin.value;
    }
    const s = superiority(control, canary, scale, shift);
    if (!s) return void 0;
    const theta = worse === "higher" ? s.theta : 1 - s.theta;
    return { contrast: { estimate: theta - 0.5, threshold: 0, standardError: s.standardError }, n: s.n };
  };
  const fail2 = contrastAt(failMargin);
  const n = { control: sampleSize(control), canary: sampleSize(canary) };
  if (!fail2) {
    const bad = distributionView(control) ? canary : control;
    return { status: "no-data", test: "mann-whitney", reason: `${metric.name} has ${describeKind(bad)} for the ${bad === canary ? "canary" : "control"}, but a mann-whitney gate needs samples or histogram buckets`, n };
  }
  const pass = sameMargin(passMargin, failMargin) ? fail2 : contrastAt(passMargin);
  const informationN = Math.min(fail2.n.control, fail2.n.canary);
  const cs = confidenceSequence(fail2.contrast.estimate, fail2.contrast.standardError, informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval = [cs.lower, cs.upper];
  const worseWord = worse === "higher" ? metric.unit === "ms" || /latency|duration|time/.test(metric.name) ? "slower" : "higher" : "lower";
  const moved = (m) => m.value === 0 ? "control" : `control ${worse === "higher" ? "+" : "\u2212"}${m.text}`;
  const controlMedian = distributionView(control).quantile(0.5);
  const canaryMedian = distributionView(canary).quantile(0.5);
  const degenerate = !(fail2.contrast.standardError > 0) ? { degenerate: n.control === 0 || n.canary === 0 ? `the ${n.control === 0 ? "control" : "canary"} arm has no observations` : "all observations are tied" } : {};
  return {
    ...fromContrasts("mann-whitney", fail2.n, [fail2.contrast], [pass.contrast], informationN, ctx),
    ...degenerate,
    effect: fail2.contrast.estimate,
    interval,
    threshold: 0,
    estimates: { control: controlMedian, canary: canaryMedian },
    subject: metric.name,
    summary: `median canary ${formatValue(canaryMedian, metric)} vs control ${formatValue(controlMedian, metric)}; P(canary ${worseWord} than ${moved(failMargin)}) \u2212 \xBD = ${formatProbability(fail2.contrast.estimate)} (interval ${formatProbability(interval[0])} to ${formatProbability(interval[1])})`,
    failClaim: `stochastically ${worseWord} than ${moved(failMargin)}`,
    passClaim: `stochastically no ${worseWord} than ${moved(passMargin)}`
  };
}
function measureAbsolute(where3, gate, metric, canary, ctx) {
  if (gate.max === void 0 && gate.min === void 0) throw new GateConfigError(`${where3}: a gate with versus: absolute (every quantile gate) needs max or min: add max: <bound in ${metric.unit ?? "the metric's unit"}>`);
  if (gate.test === "mann-whitney") throw new GateConfigError(`${where3}: mann-whitney compares two arms: use test: quantile (or welch) for an absolute bound`);
  const n = { control: 0, canary: canary ? sampleSize(canary) : 0 };
  if (!canary) return { status: "no-data", test: gate.test, reason: `no canary data for ${metric.name}`, n };
  const bounds = [];
  if (gate.max !== void 0) bounds.push({ bound: gate.max, beyond: "above" });
  if (gate.min !== void 0) bounds.push({ bound: gate.min, beyond: "below" });
  const boundPhrase = bounds.map((b) => `${b.beyond === "above" ? "above" : "below"} ${formatValue(b.bound, metric)}`).join(" or ");
  const withinPhrase = bounds.map((b) => `${b.beyond === "above" ? "at most" : "at least"} ${formatValue(b.bound, metric)}`).join(" and ");
  if (gate.test === "quantile") {
    const q = gate.quantile;
    if (q === void 0) throw new GateConfigError(`${where3}: a quantile gate needs quantile: such as 0.99`);
    const view = distributionView(canary);
    if (!view) return { status: "no-data", test: "quantile", reason: `${metric.name} has ${describeKind(canary)} for the canary, but a quantile gate needs samples or histogram buckets`, n };
    const contrasts2 = bounds.map((b) => quantileContrast(view, q, b.bound, b.beyond));
    const estimate = view.quantile(q);
    const half = view.n > 0 ? boundaryMultiplier(view.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 }) * Math.sqrt(q * (1 - q) / view.n) : Infinity;
    const interval2 = [view.n > 0 ? view.quantile(q - half) : -Infinity, view.n > 0 ? view.quantile(q + half) : Infinity];
    const label = `p${trimQuantile(q)}`;
    return {
      ...fromContrasts("quantile", n, contrasts2, contrasts2, view.n, ctx),
      ...view.n === 0 ? { degenerate: "the canary arm has no observations" } : {},
      effect: estimate,
      interval: interval2,
      threshold: bounds[0].bound,
      estimates: { canary: estimate },
      subject: `${metric.name} ${label}`,
      summary: `canary ${label} ${formatValue(estimate, metric)} (interval ${formatValue(interval2[0], metric)} to ${formatValue(interval2[1], metric)})`,
      failClaim: boundPhrase,
      passClaim: withinPhrase
    };
  }
  const k = gate.test === "proportions" ? rateEstimate(canary) : meanEstimate(canary);
  if (!k) return { status: "no-data", test: gate.test, reason: `${metric.name} has ${describeKind(canary)} for the canary, but a ${gate.test} gate needs ${gate.test === "proportions" ? "counts" : "a summary, samples or histogram buckets"}`, n };
  const contrasts = bounds.map((b) => boundContrast(k, b.bound, b.beyond));
  const cs = confidenceSequence(k.value, Math.sqrt(k.variance), k.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval = [cs.lower, cs.upper];
  const what = gate.test === "proportions" ? "rate" : "mean";
  return {
    ...fromContrasts(gate.test, n, contrasts, contrasts, k.n, ctx),
    ...degenerateOf(void 0, k, gate.test),
    effect: k.value,
    interval,
    threshold: bounds[0].bound,
    estimates: { canary: k.value },
    subject: `${metric.name} (canary ${what})`,
    summary: `canary ${what} ${formatValue(k.value, metric)} (interval ${formatValue(interval[0], metric)} to ${formatValue(interval[1], metric)})`,
    failClaim: boundPhrase,
    passClaim: withinPhrase
  };
}
function fromContrasts(test, n, fails, passes, informationN, ctx) {
  const failPs = fails.map((c) => beyondPValue(c, informationN, ctx.tuneN));
  const passPs = passes.map((c) => withinPValue(c, informationN, ctx.tuneN));
  const first = fails[0];
  const statistic = first.standardError > 0 ? (first.estimate - first.threshold) / first.standardError : 0;
  return {
    status: "measured",
    test,
    n,
    failP: Math.min(1, fails.length * Math.min(...failPs)),
    passP: Math.max(...passPs),
    statistic
  };
}
function degenerateOf(control, canary, test) {
  for (const [arm, e] of [["control", control], ["canary", canary]]) {
    if (!e) continue;
    if (e.n === 0) return { degenerate: `the ${arm} arm has no observations yet` };
    if (test !== "proportions" && e.n < 2) return { degenerate: `the ${arm} arm has fewer than 2 observations` };
  }
  return {};
}
function missingData(metric, control, canary) {
  if (!control && !canary) return `no data for ${metric.name} in either arm`;
  if (!control) return `no control data for ${metric.name}`;
  if (!canary) return `no canary data for ${metric.name}`;
  return void 0;
}
function describeKind(data) {
  return { counts: "counts", summary: "a summary", samples: "samples", histogram: "histogram buckets" }[data.kind];
}
function trimQuantile(q) {
  return Number((q * 100).toPrecision(6)).toString();
}

// src/core/gates/judge-stage.ts
var DEFAULT_ALPHA2 = 0.05;
var DEFAULT_SRM_ALPHA2 = 1e-3;
function judgeStage(input) {
  const { policy, stage, result } = input;
  const alpha = policy.spec.analysis?.alpha ?? DEFAULT_ALPHA2;
  const srmAlpha = policy.spec.analysis?.srmAlpha ?? DEFAULT_SRM_ALPHA2;
  const minSamples = stage.minSamples ?? 0;
  const tuneN = input.tuneN ?? (minSamples > 0 ? minSamples : DEFAULT_TUNE_N);
  const ctx = { alpha, tuneN };
  const analysis = { alpha, srmAlpha, tuneN, minSamples };
  const gates = resolveGates(input);
  const criteria = resolveCriteria(input);
  const canaryWeight = input.canaryWeight ?? stage.weight;
  const base = { release: input.release, stage: stage.name, analysis };
  if (!result.ok) {
    const reason2 = `the metrics source failed: ${result.error}`;
    const noData = (v) => ({ gate: v.name, metric: v.metric, verdict: "no-data", reason: reason2, ...v.critical ? { critical: true } : {} });
    return {
      ...base,
      outcome: "no-data",
      reason: `${reason2} \u2014 Glidepath never advances on missing data`,
      srm: { verdict: "not-applicable", reason: "no data" },
      gates: gates.map((g) => noData({ name: g.name, metric: g.gate.metric, critical: g.gate.critical === true })),
      rollback: criteria.map((c) => noData({ name: c.name, metric: c.criterion.metric })),
      samples: { control: 0, canary: 0 },
      sourceError: result.error
    };
  }
  const snapshot = result.snapshot;
  const samples = armRequests(snapshot);
  const srm = checkSplit({ stage, canaryWeight, requests: samples, srmAlpha, tuneN });
  const hasControl = stage.mode === "shadow" || canaryWeight === void 0 || canaryWeight < 100;
  const gateVerdicts = judgeGates(gates, snapshot.arms, snapshot.segments, ctx);
  const rollbackVerdicts = judgeCriteria(criteria, snapshot.arms, hasControl, ctx);
  const { outcome, reason } = outcomeOf(gateVerdicts, rollbackVerdicts, srm, samples, minSamples, gates.length);
  return { ...base, outcome, reason, srm, gates: gateVerdicts, rollback: rollbackVerdicts, samples };
}
function resolveGates(input) {
  const { policy, stage } = input;
  const definitions = new Map(input.metrics.map((m) => [m.name, m]));
  return (stage.gates ?? []).map((name) => {
    const gate = policy.spec.gates?.[name];
    if (!gate) {
      const known = Object.keys(policy.spec.gates ?? {});
      throw new GateConfigError(`policy ${policy.metadata.name}: stage ${stage.name} lists gate ${name}, which spec.gates does not define${known.length ? ` (gates: ${known.join(", ")})` : ""}`);
    }
    const metric = definitions.get(gate.metric);
    if (!metric) throw new GateConfigError(`policy ${policy.metadata.name}: spec.gates.${name}.metric: no metric named ${gate.metric} in glidepath.yaml's spec.metrics.definitions`);
    return { name, gate, metric };
  });
}
function resolveCriteria(input) {
  const definitions = new Map(input.metrics.map((m) => [m.name, m]));
  return input.policy.spec.rollback.map((criterion, i) => {
    const metric = definitions.get(criterion.metric);
    if (!metric) throw new GateConfigError(`policy ${input.policy.metadata.name}: spec.rollback[${i}].metric: no metric named ${criterion.metric} in glidepath.yaml's spec.metrics.definitions`);
    return { name: `rollback[${i}]`, criterion, metric, where: `policy ${input.policy.metadata.name}: spec.rollback[${i}]` };
  });
}
function judgeGates(gates, arms, segments, ctx) {
  const family = [];
  const perGate = gates.map((g) => {
    const aggregate = measureGate(g.name, g.gate, g.metric, arms.control[g.gate.metric], arms.canary[g.gate.metric], ctx);
    const aggregateHypothesis = aggregate.status === "measured" ? push2(family, { gate: g, measurement: aggregate, adjusted: 1 }) : void 0;
    const segmentResults = [];
    const attribute = g.gate.segmentBy;
    const bySegment = attribute === void 0 ? void 0 : segments?.[attribute];
    if (attribute !== void 0 && bySegment) {
      for (const [value, segmentArms] of Object.entries(bySegment)) {
        const m = measureGate(g.name, g.gate, g.metric, segmentArms.control?.[g.gate.metric], segmentArms.canary?.[g.gate.metric], ctx);
        const segment = { attribute, value };
        segmentResults.push({ ...segment, measurement: m, ...m.status === "measured" ? { hypothesis: push2(family, { gate: g, measurement: m, segment, adjusted: 1 }) } : {} });
      }
    }
    return { g, aggregate, aggregateHypothesis, segmentResults };
  });
  const adjusted = family.length > 0 ? holm(family.map((h) => h.measurement.failP)) : [];
  family.forEach((h, i) => h.adjusted = adjusted[i]);
  return perGate.map(({ g, aggregate, aggregateHypothesis, segmentResults }) => {
    const own = toVerdict(g, aggregate, aggregateHypothesis, ctx);
    if (segmentResults.length === 0) return own;
    const segmentVerdicts = segmentResults.map((s) => toVerdict(g, s.measurement, s.hypothesis, ctx, { attribute: s.attribute, value: s.value }));
    const failing = segmentVerdicts.filter((v) => v.verdict === "fail").sort((a, b) => (a.evidence?.pValue ?? 1) - (b.evidence?.pValue ?? 1));
    const worst = failing[0];
    if (!worst) return { ...own, segments: segmentVerdicts };
    return { ...worst, reason: `fails in ${worst.segment.attribute}=${worst.segment.value} (aggregate: ${own.verdict}): ${worst.reason}`, segments: segmentVerdicts };
  });
}
function push2(family, h) {
  family.push(h);
  return h;
}
function toVerdict(g, m, h, ctx, segment) {
  const head = { gate: g.name, metric: g.metric.name, ...g.gate.critical ? { critical: true } : {}, ...segment ? { segment } : {} };
  const where3 = segment ? `in ${segment.attribute}=${segment.value}, ` : "";
  if (m.status === "no-data" || !h) {
    const reason = m.status === "no-data" ? m.reason : "no data";
    return { ...head, verdict: "no-data", reason: `${where3}${reason}`, evidence: { test: m.test, n: m.n } };
  }
  const evidence2 = {
    test: m.test,
    statistic: m.statistic,
    pValue: h.adjusted,
    rawPValue: m.failP,
    passPValue: m.passP,
    effect: m.effect,
    interval: m.interval,
    n: m.n,
    ...m.threshold === void 0 ? {} : { threshold: m.threshold },
    ...m.passThreshold === void 0 ? {} : { passThreshold: m.passThreshold },
    estimates: m.estimates
  };
  const n = `n = ${formatCount2(m.n.canary)} canary / ${formatCount2(m.n.control)} control`;
  if (m.degenerate) return { ...head, verdict: "inconclusive", reason: `${where3}${m.subject} cannot be judged yet: ${m.degenerate} (${n})`, evidence: evidence2 };
  if (h.adjusted <= ctx.alpha) {
    return { ...head, verdict: "fail", reason: `${where3}${m.subject} is ${m.failClaim}: ${m.summary}; ${pPhrase(h.adjusted)} (always-valid, Holm-adjusted) \u2264 ${ctx.alpha}`, evidence: evidence2 };
  }
  if (m.passP <= ctx.alpha) {
    return { ...head, verdict: "pass", reason: `${where3}${m.subject} is ${m.passClaim}: ${m.summary}; ${pPhrase(m.passP)} (always-valid) \u2264 ${ctx.alpha}`, evidence: evidence2 };
  }
  return { ...head, verdict: "inconclusive", reason: `${where3}${m.subject} is not yet shown ${m.passClaim}, nor ${m.failClaim}: ${m.summary}`, evidence: evidence2 };
}
function judgeCriteria(criteria, arms, hasControl, ctx) {
  const measurements = criteria.map((c) => measureCriterion(c.criterion, c.metric, arms.control[c.criterion.metric], arms.canary[c.criterion.metric], hasControl, ctx, c.where));
  const measuredIndexes = measurements.flatMap((m, i) => m.status === "measured" ? [i] : []);
  const adjusted = holm(measuredIndexes.map((i) => measurements[i].fireP));
  return criteria.map((c, i) => {
    const m = measurements[i];
    const head = { gate: c.name, metric: c.metric.name };
    if (m.status !== "measured") return { ...head, verdict: "no-data", reason: m.reason, ...m.status === "skipped" ? { skipped: m.reason } : {}, evidence: { test: m.test, n: m.n } };
    const p = adjusted[measuredIndexes.indexOf(i)];
    const evidence2 = { test: m.test, statistic: m.statistic, pValue: p, rawPValue: m.fireP, effect: m.effect, interval: m.interval, n: m.n, threshold: m.threshold, estimates: m.estimates };
    if (p <= ctx.alpha) return { ...head, verdict: "fail", reason: `fired: ${m.condition} is shown: ${m.summary}; ${pPhrase(p)} (always-valid, Holm-adjusted) \u2264 ${ctx.alpha}`, evidence: evidence2 };
    return { ...head, verdict: "pass", reason: `not fired: ${m.condition} is not shown: ${m.summary}; ${pPhrase(p)}`, evidence: evidence2 };
  });
}
function outcomeOf(gates, rollback, srm, samples, minSamples, gateCount) {
  const n = `n = ${formatCount2(samples.canary)} canary / ${formatCount2(samples.control)} control`;
  const names = (vs) => vs.map((v) => v.gate).join(", ");
  const fired = rollback.filter((v) => v.verdict === "fail");
  if (fired.length > 0) {
    const split = srm.verdict === "mismatch" ? ` (the traffic split is also broken: ${srm.reason})` : "";
    return { outcome: "rollback", reason: `rollback criterion ${names(fired)} fired (${fired[0].metric}): ${fired[0].reason}${split}` };
  }
  if (srm.verdict === "mismatch") return { outcome: "srm", reason: srm.reason ?? "the traffic split is broken" };
  const critical = gates.filter((v) => v.verdict === "fail" && v.critical);
  if (critical.length > 0) return { outcome: "critical-fail", reason: `critical gate ${names(critical)} failed: ${critical[0].reason}` };
  const failed = gates.filter((v) => v.verdict === "fail");
  if (failed.length > 0) return { outcome: "fail", reason: `gate ${names(failed)} failed: ${failed[0].reason}` };
  const missing = [...gates, ...rollback.filter((v) => !v.skipped)].filter((v) => v.verdict === "no-data");
  if (missing.length > 0) return { outcome: "no-data", reason: `no data for ${names(missing)}: ${missing[0].reason} \u2014 Glidepath never advances on missing data` };
  if (Math.min(samples.control, samples.canary) < minSamples) {
    return { outcome: "insufficient-samples", reason: `too few requests yet: ${n}, below minSamples ${formatCount2(minSamples)} per arm` };
  }
  const open2 = gates.filter((v) => v.verdict === "inconclusive");
  if (open2.length > 0) return { outcome: "inconclusive", reason: `${names(open2)} inconclusive (${n}): ${open2[0].reason}` };
  if (gateCount === 0) return { outcome: "pass", reason: `no gates in this stage and no rollback criterion fired (${n})` };
  return { outcome: "pass", reason: `${gateCount === 1 ? "the gate" : `all ${gateCount} gates`} passed and no rollback criterion fired (${n})` };
}

// src/core/gates/stage-decision.ts
function decideFromJudgement(policy, judgement) {
  const spec = policy.spec;
  const rules = {
    pass: () => ({ decision: "advance", reason: judgement.reason }),
    fail: () => {
      const action = spec.onFailure ?? "rollback";
      return { decision: action, reason: `${judgement.reason} (onFailure: ${action})` };
    },
    "critical-fail": () => ({ decision: "rollback", reason: `${judgement.reason} (a critical gate rolls back whatever onFailure says)` }),
    rollback: () => ({ decision: "rollback", reason: judgement.reason }),
    inconclusive: () => {
      const action = spec.onInconclusive ?? "hold";
      return { decision: action, reason: `${judgement.reason} (onInconclusive: ${action})` };
    },
    "no-data": () => {
      const action = spec.onNoData ?? "hold";
      return { decision: action, reason: `${judgement.reason} (onNoData: ${action})` };
    },
    srm: () => ({ decision: "hold", reason: judgement.reason }),
    "insufficient-samples": () => ({ decision: "hold", reason: judgement.reason })
  };
  return rules[judgement.outcome]();
}

// src/core/rollout/split.ts
var CHAMPION_ONLY = { mode: "off", weight: 0 };
function splitForStage(stage) {
  const base = stage.mode === "shadow" ? { mode: "shadow", weight: 0 } : { mode: "traffic", weight: stage.weight ?? 0 };
  return stage.segment ? { ...base, segment: { attribute: stage.segment.attribute, values: [...stage.segment.values] } } : base;
}
var WEIGHT_TOLERANCE = 5e-3;
function sameSplit(a, b) {
  if (a.mode !== b.mode) return false;
  if (a.mode === "traffic" && Math.abs(a.weight - b.weight) > WEIGHT_TOLERANCE) return false;
  if (a.segment === void 0 || b.segment === void 0) return a.segment === b.segment;
  if (a.segment.attribute !== b.segment.attribute) return false;
  const left = new Set(a.segment.values);
  return left.size === new Set(b.segment.values).size && b.segment.values.every((value) => left.has(value));
}
function describeSplit(split) {
  const base = split.mode === "traffic" ? `traffic ${split.weight}%` : split.mode;
  if (!split.segment) return base;
  const values = split.segment.values.length > 3 ? `${split.segment.values.slice(0, 3).join(", ")}, \u2026` : split.segment.values.join(", ");
  return `${base} + ${split.segment.attribute} \u2208 {${values}}`;
}
function servesUsers(split) {
  return split.mode === "traffic" && (split.weight > 0 || (split.segment?.values.length ?? 0) > 0);
}

// src/core/rollout/status.ts
var HEAD = ["release", "phase", "stage", "traffic", "in stage", "last decision"];
function since(from, now) {
  const ms = now.getTime() - Date.parse(from);
  return Number.isFinite(ms) ? formatDuration(Math.max(0, Math.floor(ms / 6e4) * 6e4)) : "?";
}
function row2(state, now) {
  const last = state.lastDecision;
  const note = state.phase === "paused" || state.phase === "frozen" || state.phase === "rolled-back" ? state.phaseReason ?? last?.reason : last?.reason;
  return [
    state.release,
    state.phase,
    `${state.stageIndex + 1}. ${state.stage}`,
    describeSplit(state.split),
    state.phase === "complete" || state.phase === "rolled-back" ? "\u2013" : since(state.stageStartedAt, now),
    last ? `${last.decision} ${since(last.at, now)} ago${note ? `: ${note}` : ""}` : note ?? "\u2013"
  ];
}
function renderStatus(states, now, format) {
  if (states.length === 0) return "No rollouts.\n";
  const rows = [...states].sort((a, b) => a.release.localeCompare(b.release)).map((state) => row2(state, now));
  if (format === "md") {
    const escape = (text) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
    return [`| ${HEAD.join(" | ")} |`, `|${HEAD.map(() => "---").join("|")}|`, ...rows.map((cells) => `| ${cells.map(escape).join(" | ")} |`)].join("\n") + "\n";
  }
  const widths = HEAD.map((title, column) => Math.max(title.length, ...rows.map((cells) => column === HEAD.length - 1 ? 0 : (cells[column] ?? "").length)));
  const line2 = (cells) => cells.map((text, column) => column === cells.length - 1 ? text : text.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [line2(HEAD), ...rows.map(line2)].join("\n") + "\n";
}

// src/adapters/crypto.ts
import { createHash } from "node:crypto";
function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// src/adapters/metrics/index.ts
var metricsSources = {
  file: (source, ctx) => createFileMetricsSource(source, ctx)
};

// src/adapters/providers/flagd.ts
import { mkdir, readFile as readFile2, rename, rm as rm2, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname as dirname2, isAbsolute as isAbsolute2, relative as relative4, resolve as resolve3 } from "node:path";
var CHAMPION = "champion";
var CHALLENGER = "challenger";
var FLAGD_SCHEMA = "https://flagd.dev/schema/v0/flags.json";
function createFlagdProvider(provider, ctx) {
  const file = resolve3(ctx.root, provider.path);
  const shown = provider.path;
  async function load() {
    const rel = relative4(ctx.root, file);
    if (rel.startsWith("..") || isAbsolute2(rel)) {
      return { ok: false, error: `providers[${provider.name}].path '${shown}' is outside the repository; use a path relative to the repository root`, retryable: false };
    }
    let text;
    try {
      text = await readFile2(file, "utf8");
    } catch (error) {
      const code2 = error.code;
      if (code2 === "ENOENT") return { ok: true, value: { doc: { $schema: FLAGD_SCHEMA, flags: {} }, exists: false } };
      return { ok: false, error: `${shown}: cannot read the flagd file (${code2 ?? error.message})`, retryable: isTransient(code2) };
    }
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: `${shown}: not valid JSON (${error.message}); fix the file or delete it so Glidepath writes it afresh`, retryable: false };
    }
    if (!isObject2(doc) || !(isObject2(doc["flags"]) || Array.isArray(doc["flags"]))) {
      return { ok: false, error: `${shown}: not a flagd flag-definition file (needs a "flags" object); see https://flagd.dev/reference/flag-definitions/`, retryable: false };
    }
    return { ok: true, value: { doc, exists: true } };
  }
  async function read(target2) {
    const loaded = await load();
    if (!loaded.ok) return loaded;
    const flag = findFlag(loaded.value.doc, target2.key);
    if (flag === void 0) return { ok: true, value: { mode: "off", weight: 0 } };
    const split = parseFlagSplit(flag);
    if (typeof split === "string") return { ok: false, error: `${shown}: flag '${target2.key}': ${split}`, retryable: false };
    return { ok: true, value: split };
  }
  return {
    type: "flagd",
    read,
    async apply(target2, split) {
      const loaded = await load();
      if (!loaded.ok) return loaded;
      const flag = buildFlag(target2, split, provider.bucketBy);
      const doc = setFlag(loaded.value.doc, target2.key, flag);
      const tmp = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
      try {
        await mkdir(dirname2(file), { recursive: true });
        await writeFile(tmp, `${JSON.stringify(doc, null, 2)}
`, "utf8");
        await rename(tmp, file);
      } catch (error) {
        await rm2(tmp, { force: true }).catch(() => {
        });
        const code2 = error.code;
        return { ok: false, error: `${shown}: cannot write the flagd file (${code2 ?? error.message})`, retryable: isTransient(code2) };
      }
      return read(target2);
    }
  };
}
function buildFlag(target2, split, bucketBy) {
  const flag = {
    state: "ENABLED",
    variants: { [CHAMPION]: toJson(target2.champion), [CHALLENGER]: toJson(target2.challenger) },
    defaultVariant: CHAMPION,
    metadata: { managedBy: "glidepath", release: target2.release, mode: split.mode, weight: split.mode === "traffic" ? split.weight : 0 }
  };
  if (split.mode === "shadow") {
    flag.metadata = { ...flag.metadata, shadowVariant: CHALLENGER };
    return flag;
  }
  if (split.mode === "off") return flag;
  const fractional = fractionalRule(split.weight, bucketBy);
  flag.targeting = split.segment ? { if: [{ in: [{ var: split.segment.attribute }, [...split.segment.values]] }, CHALLENGER, fractional] } : fractional;
  return flag;
}
function fractionalRule(weight, bucketBy) {
  const w = Math.min(100, Math.max(0, weight));
  const scale = Number.isInteger(w) ? 1 : 100;
  const challenger = Math.round(w * scale);
  const buckets = [[CHAMPION, 100 * scale - challenger], [CHALLENGER, challenger]];
  if (bucketBy === void 0 || bucketBy === "targetingKey") return { fractional: buckets };
  return { fractional: [{ cat: [{ var: "$flagd.flagKey" }, { var: bucketBy }] }, ...buckets] };
}
function parseFlagSplit(flag) {
  if (!isObject2(flag)) return "not an object";
  if (flag["state"] === "DISABLED") return { mode: "off", weight: 0 };
  const variants = flag["variants"];
  if (!isObject2(variants) || !(CHAMPION in variants) || !(CHALLENGER in variants)) {
    return `needs variants "${CHAMPION}" and "${CHALLENGER}"; it is not a Glidepath-managed flag or was edited by hand`;
  }
  const targeting = flag["targeting"];
  const metadata = isObject2(flag["metadata"]) ? flag["metadata"] : {};
  if (targeting === void 0 || targeting === null || isObject2(targeting) && Object.keys(targeting).length === 0) {
    if (flag["defaultVariant"] === CHALLENGER) return { mode: "traffic", weight: 100 };
    return metadata["mode"] === "shadow" ? { mode: "shadow", weight: 0 } : { mode: "off", weight: 0 };
  }
  if (!isObject2(targeting)) return "targeting is not an object";
  if ("fractional" in targeting) return readFractional(targeting["fractional"]);
  const branches = targeting["if"];
  if (Array.isArray(branches) && branches.length === 3 && branches[1] === CHALLENGER && isObject2(branches[2]) && "fractional" in branches[2]) {
    const condition = branches[0];
    const inArgs = isObject2(condition) ? condition["in"] : void 0;
    const attribute = Array.isArray(inArgs) && isObject2(inArgs[0]) ? inArgs[0]["var"] : void 0;
    const values = Array.isArray(inArgs) ? inArgs[1] : void 0;
    if (typeof attribute === "string" && Array.isArray(values) && values.every((v) => typeof v === "string")) {
      const rest = readFractional(branches[2]["fractional"]);
      if (typeof rest === "string") return rest;
      return { ...rest, segment: { attribute, values } };
    }
  }
  return "targeting is not a form Glidepath writes (fractional, or if-in-segment then fractional); Glidepath will not guess the split";
}
function readFractional(args) {
  if (!Array.isArray(args)) return "fractional is not an array";
  const buckets = args.filter((a) => Array.isArray(a));
  let total = 0;
  let challenger = 0;
  for (const bucket of buckets) {
    const weight = bucket.length >= 2 ? bucket[1] : 1;
    if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0) return "fractional weights must be non-negative integers";
    total += weight;
    if (bucket[0] === CHALLENGER) challenger += weight;
    else if (bucket[0] !== CHAMPION) return `fractional names variant ${JSON.stringify(bucket[0])}; only "${CHAMPION}" and "${CHALLENGER}" are expected`;
  }
  if (total === 0) return "fractional weights sum to 0";
  return { mode: "traffic", weight: Math.round(challenger / total * 100 * 1e6) / 1e6 };
}
function findFlag(doc, key2) {
  const flags = doc["flags"];
  if (Array.isArray(flags)) return flags.find((f) => isObject2(f) && f["key"] === key2);
  return isObject2(flags) && Object.hasOwn(flags, key2) ? flags[key2] : void 0;
}
function setFlag(doc, key2, flag) {
  const value = flag;
  const flags = doc["flags"];
  if (Array.isArray(flags)) {
    const at = flags.findIndex((f) => isObject2(f) && f["key"] === key2);
    const next = [...flags];
    if (at >= 0) next[at] = { key: key2, ...value };
    else next.push({ key: key2, ...value });
    return { ...doc, flags: next };
  }
  return { ...doc, flags: { ...isObject2(flags) ? flags : {}, [key2]: value } };
}
function toJson(value) {
  return JSON.parse(JSON.stringify(value));
}
function isObject2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isTransient(code2) {
  return code2 === "EAGAIN" || code2 === "EBUSY" || code2 === "EMFILE" || code2 === "ENFILE" || code2 === "ENOSPC" || code2 === "ETIMEDOUT";
}

// src/adapters/providers/index.ts
var trafficProviders = {
  flagd: (provider, ctx) => createFlagdProvider(provider, ctx)
};

// src/engine/context.ts
var BOT_ACTOR = "glidepath[bot]";
var DEFAULT_MAX_ATTEMPTS = 5;
function defaultSleep(ms) {
  return new Promise((resolve6) => setTimeout(resolve6, ms));
}
function retryDelay(attempt, random) {
  return Math.round(random() * Math.min(1e3, 50 * 2 ** (attempt - 1)));
}

// src/engine/command-engine.ts
var engineOptions = {
  "dry-run": { type: "boolean", default: false },
  "base-branch": { type: "string" }
};
async function engineForCommand(ctx, opts) {
  if (!opts.scm && !await isGitRepository(ctx.root)) {
    throw new UsageError(`${ctx.root} is not a git repository: Glidepath keeps rollout state and the audit log on a branch of the repository, so run it in a clone (or pass --root)`);
  }
  const option2 = ctx.options["base-branch"];
  const baseBranch = typeof option2 === "string" && option2 || await defaultBaseBranch(ctx);
  return {
    root: ctx.root,
    scm: opts.scm ?? createLocalGitScm(ctx.root),
    clock: ctx.clock,
    logger: ctx.logger,
    sha256,
    providers: trafficProviders,
    metricsSources,
    actor: opts.actor,
    dryRun: ctx.options["dry-run"] === true,
    baseBranch,
    ...ctx.review ? { review: ctx.review } : {},
    ...ctx.review && ctx.event?.pullRequest ? { pullRequest: { number: ctx.event.pullRequest.number, headSha: ctx.event.pullRequest.headSha } } : {}
  };
}
async function defaultBaseBranch(ctx) {
  const ref = ctx.env["GITHUB_REF_NAME"];
  if (ctx.env["GITHUB_ACTIONS"] === "true" && ref && ctx.env["GITHUB_REF_TYPE"] !== "tag" && !ref.includes("/merge")) return ref;
  return await currentBranch(ctx.root) ?? "main";
}
function botActor() {
  return BOT_ACTOR;
}
function personActor(ctx) {
  const by = ctx.options["by"];
  if (typeof by === "string" && by.trim()) return by.trim();
  return ctx.event?.actor ?? ctx.env["GITHUB_ACTOR"] ?? ctx.env["USER"] ?? ctx.env["USERNAME"] ?? "unknown";
}
function requireOption(ctx, name, what) {
  const value = ctx.options[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required: ${what}`);
  return value;
}
function stringOption(ctx, name) {
  const value = ctx.options[name];
  return typeof value === "string" && value !== "" ? value : void 0;
}

// src/engine/print-outcome.ts
function describeAction(action) {
  switch (action.type) {
    case "set-traffic":
      return `set traffic: ${action.from ? `${describeSplit(action.from)} \u2192 ` : ""}${describeSplit(action.split)} (${action.reason})`;
    case "write-state":
      return `write state: ${action.state.phase} at ${action.state.stage}, ${describeSplit(action.state.split)}, revision ${action.state.revision}`;
    case "append-audit":
      return `append audit record: ${action.record.event}${action.record.decision ? ` ${action.record.decision}` : ""} \u2014 ${action.record.reason}`;
    case "comment":
      return `comment: ${action.body.split("\n")[0] ?? ""}`;
    case "check":
      return `check run: ${action.conclusion} \u2014 ${action.title}`;
    case "open-revert":
      return `open revert: ${action.title}`;
    case "notify":
      return `notify: ${action.message}`;
  }
}
function printOutcomeActions(print, outcome) {
  if (outcome.actions.length === 0) {
    print("  (no actions)");
    return;
  }
  outcome.actions.forEach((action, i) => print(`  ${i + 1}. ${describeAction(action)}`));
}

// src/engine/run-tick.ts
import { performance as performance2 } from "node:perf_hooks";

// src/core/audit/canonical-json.ts
function canonicalJson(value) {
  if (value === null || value === void 0) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      return canonicalObject(value);
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}
function canonicalObject(value) {
  if (Array.isArray(value)) {
    return `[${value.map((item) => item === void 0 || typeof item === "function" ? "null" : canonicalJson(item)).join(",")}]`;
  }
  const withJson = value;
  if (typeof withJson.toJSON === "function") return canonicalJson(withJson.toJSON());
  const record = value;
  const members = [];
  for (const key2 of Object.keys(record).sort()) {
    const member = record[key2];
    if (member === void 0 || typeof member === "function") continue;
    members.push(`${JSON.stringify(key2)}:${canonicalJson(member)}`);
  }
  return `{${members.join(",")}}`;
}

// src/core/audit/hash.ts
var GENESIS_HASH = "0".repeat(64);
var HEX_64 = /^[0-9a-f]{64}$/;
function isSha256Hex(text) {
  return typeof text === "string" && HEX_64.test(text);
}

// src/core/audit/chain.ts
function hashRecord(record, sha2562) {
  const { hash: _ignored, ...body } = record;
  return sha2562(canonicalJson(body));
}
function sealRecord(draft2, previous, sha2562) {
  const body = { ...draft2, seq: previous === void 0 ? 1 : previous.seq + 1, prevHash: previous === void 0 ? GENESIS_HASH : previous.hash };
  return { ...body, hash: hashRecord(body, sha2562) };
}
function serializeRecord(record) {
  return canonicalJson(record);
}
var REQUIRED_STRINGS = ["at", "release", "bundleHash", "stage", "event", "reason", "actor"];
function shapeProblem(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "is not a JSON object";
  const record = value;
  if (!Number.isSafeInteger(record["seq"]) || record["seq"] < 1) return "`seq` is not a positive integer";
  if (!isSha256Hex(record["prevHash"])) return "`prevHash` is not 64 lower-case hex digits";
  if (!isSha256Hex(record["hash"])) return "`hash` is not 64 lower-case hex digits";
  for (const field of REQUIRED_STRINGS) {
    if (typeof record[field] !== "string") return `\`${field}\` is missing or not a string`;
  }
  return void 0;
}
function parseAuditLog(text) {
  const records = [];
  const lines = [];
  const problems = [];
  text.split("\n").forEach((raw, index) => {
    const line2 = index + 1;
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (content.trim() === "") return;
    let value;
    try {
      value = JSON.parse(content);
    } catch (error) {
      problems.push({ line: line2, message: `line ${line2} is not valid JSON (${error.message}); the record was altered or truncated` });
      return;
    }
    const shape = shapeProblem(value);
    const seq = typeof value === "object" && value !== null && Number.isSafeInteger(value.seq) ? value.seq : void 0;
    if (shape !== void 0) {
      problems.push({ line: line2, ...seq !== void 0 ? { seq } : {}, message: `line ${line2}: ${shape}; not an audit record Glidepath wrote` });
      return;
    }
    const record = value;
    if (serializeRecord(record) !== content) {
      problems.push({ line: line2, seq: record.seq, message: `line ${line2} (seq ${record.seq}) is not in canonical form: it was edited after it was written` });
    }
    records.push(record);
    lines.push(line2);
  });
  return { records, lines, problems };
}
function verifyChain(records, sha2562, lines) {
  const problems = [];
  records.forEach((record, index) => {
    const line2 = lines?.[index] ?? index + 1;
    const previous = index === 0 ? void 0 : records[index - 1];
    const expectedSeq = previous === void 0 ? 1 : previous.seq + 1;
    if (record.seq !== expectedSeq) {
      const message = previous === void 0 ? `the first record has seq ${record.seq}, not 1: records before it are missing` : record.seq > expectedSeq ? `seq ${record.seq} follows seq ${previous.seq}: record(s) ${expectedSeq}\u2013${record.seq - 1} are missing (deleted)` : `seq ${record.seq} follows seq ${previous.seq}: records are out of order or duplicated`;
      problems.push({ seq: record.seq, line: line2, message });
    }
    const expectedPrev = previous === void 0 ? GENESIS_HASH : previous.hash;
    if (record.prevHash !== expectedPrev) {
      problems.push({
        seq: record.seq,
        line: line2,
        message: `prevHash ${record.prevHash.slice(0, 12)}\u2026 does not match the hash of the record before it (${expectedPrev.slice(0, 12)}\u2026)`
      });
    }
    const recomputed = hashRecord(record, sha2562);
    if (recomputed !== record.hash) {
      problems.push({
        seq: record.seq,
        line: line2,
        message: `record content does not match its hash (stored ${record.hash.slice(0, 12)}\u2026, computed ${recomputed.slice(0, 12)}\u2026): the record was altered`
      });
    }
  });
  return { ok: problems.length === 0, problems };
}
function verifyAuditLog(text, sha2562) {
  const parsed = parseAuditLog(text);
  const chain = verifyChain(parsed.records, sha2562, parsed.lines);
  const problems = [...parsed.problems, ...chain.problems].sort((a, b) => a.line - b.line);
  return { ok: problems.length === 0, records: parsed.records, problems };
}

// src/adapters/state/state-store.ts
var DEFAULT_STATE_BRANCH = "glidepath/state";
function statePath(release) {
  return `states/${checkName(release)}.json`;
}
function auditPath(release) {
  return `audit/${checkName(release)}.jsonl`;
}
function auditHeadPath(release) {
  return `audit/${checkName(release)}.head.json`;
}
var StateBranchError = class extends Error {
  name = "StateBranchError";
};
function createStateStore(scm, opts) {
  const branch = opts.branch ?? DEFAULT_STATE_BRANCH;
  const ref = `refs/heads/${branch}`;
  let cached;
  async function readLogs(head, releases) {
    if (cached?.head === head) return cached.logs;
    const blobs = await scm.readFiles(head, releases.map(auditPath));
    return new Map(releases.flatMap((r) => {
      const blob = blobs.get(auditPath(r));
      return blob ? [[r, decode(blob)]] : [];
    }));
  }
  return {
    branch,
    async load() {
      const head = await scm.resolveRef(ref) ?? null;
      if (head === null) return { head, states: /* @__PURE__ */ new Map(), audit: /* @__PURE__ */ new Map(), auditProblems: /* @__PURE__ */ new Map() };
      const paths = await scm.listFiles(head, "");
      const wanted = paths.filter((p) => /^states\/[^/]+\.json$/.test(p) || /^audit\/[^/]+\.jsonl$/.test(p));
      const blobs = await scm.readFiles(head, wanted);
      const states = /* @__PURE__ */ new Map();
      const audit = /* @__PURE__ */ new Map();
      const auditProblems = /* @__PURE__ */ new Map();
      const logs = /* @__PURE__ */ new Map();
      for (const [path, blob] of blobs) {
        const text = decode(blob);
        const stateMatch = /^states\/([^/]+)\.json$/.exec(path);
        if (stateMatch) {
          states.set(stateMatch[1], parseState(text, `${branch}:${path}`));
          continue;
        }
        const release = /^audit\/([^/]+)\.jsonl$/.exec(path)[1];
        logs.set(release, text);
        const parsed = parseAuditLog(text);
        audit.set(release, parsed.records);
        if (parsed.problems.length > 0) auditProblems.set(release, parsed.problems);
      }
      cached = { head, logs };
      return { head, states, audit, auditProblems };
    },
    async commit(changes, expectedHead, message) {
      const byRelease = /* @__PURE__ */ new Map();
      for (const draft2 of changes.records) byRelease.set(draft2.release, [...byRelease.get(draft2.release) ?? [], draft2]);
      const logs = expectedHead === null ? /* @__PURE__ */ new Map() : await readLogs(expectedHead, [...byRelease.keys()]);
      const files = [];
      const sealed = [];
      for (const state of changes.states) files.push({ path: statePath(state.release), content: `${JSON.stringify(state, null, 2)}
` });
      for (const [release, drafts] of byRelease) {
        const existing = logs.get(release) ?? "";
        let previous = parseAuditLog(existing).records.at(-1);
        let appended = existing === "" || existing.endsWith("\n") ? existing : `${existing}
`;
        for (const draft2 of drafts) {
          const record = sealRecord(draft2, previous, opts.sha256);
          appended += `${serializeRecord(record)}
`;
          sealed.push(record);
          previous = record;
        }
        files.push({ path: auditPath(release), content: appended });
        if (previous) files.push({ path: auditHeadPath(release), content: `${JSON.stringify({ seq: previous.seq, hash: previous.hash })}
` });
      }
      const result = await scm.commitFiles({ branch, expectedHead, files, message });
      if (result.status === "conflict") return result;
      return { status: "committed", sha: result.sha, records: sealed };
    },
    async readAuditLog(release, at) {
      return scm.readFile(at ?? ref, auditPath(release)).catch((error) => {
        if (at === void 0 && /is not a branch, tag or commit/.test(String(error.message))) return void 0;
        throw error;
      });
    },
    async readAuditHead(release, at) {
      const text = await scm.readFile(at ?? ref, auditHeadPath(release)).catch((error) => {
        if (at === void 0 && /is not a branch, tag or commit/.test(String(error.message))) return void 0;
        throw error;
      });
      if (text === void 0) return void 0;
      try {
        const head = JSON.parse(text);
        if (typeof head.seq === "number" && typeof head.hash === "string") return { seq: head.seq, hash: head.hash };
      } catch {
      }
      return void 0;
    },
    async listAuditedReleases() {
      const head = await scm.resolveRef(ref);
      if (!head) return [];
      return (await scm.listFiles(head, "audit")).flatMap((p) => /^audit\/([^/]+)\.jsonl$/.exec(p)?.[1] ?? []).sort();
    }
  };
}
function parseState(text, where3) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateBranchError(`${where3}: not valid JSON (${error.message}); restore it from the branch history (git log -p on that file)`);
  }
  const state = value;
  if (typeof value !== "object" || value === null || typeof state.release !== "string" || typeof state.phase !== "string" || typeof state.revision !== "number") {
    throw new StateBranchError(`${where3}: not a rollout state (needs release, phase and revision); restore it from the branch history`);
  }
  return value;
}
function checkName(release) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(release) || release.includes("..")) throw new StateBranchError(`'${release}' cannot name a file on the state branch`);
  return release;
}
function decode(blob) {
  return Buffer.from(blob).toString("utf8");
}

// src/core/audit/inputs.ts
var MAX_RECORDED_SAMPLES = 1e3;
function summarise(data) {
  if (data.kind !== "samples" || data.values.length <= MAX_RECORDED_SAMPLES) return data;
  const n = data.values.length;
  const mean = data.values.reduce((sum2, value) => sum2 + value, 0) / n;
  const squares = data.values.reduce((sum2, value) => sum2 + (value - mean) ** 2, 0);
  return { kind: "summary", n, mean, sd: Math.sqrt(squares / (n - 1)) };
}
function summariseArm(metrics) {
  return Object.fromEntries(Object.entries(metrics).map(([name, data]) => [name, summarise(data)]));
}
function summariseInputs(snapshot) {
  const arms = { control: summariseArm(snapshot.arms.control), canary: summariseArm(snapshot.arms.canary) };
  if (!snapshot.segments) return { window: snapshot.window, arms };
  const segments = Object.fromEntries(
    Object.entries(snapshot.segments).map(([attribute, values]) => [
      attribute,
      Object.fromEntries(Object.entries(values).map(([value, byArm]) => [value, { control: summariseArm(byArm.control), canary: summariseArm(byArm.canary) }]))
    ])
  );
  return { window: snapshot.window, arms, segments };
}

// src/core/rollout/decide-tick.ts
function rulesPolicy(rules) {
  return {
    apiVersion: "glidepath.dev/v1",
    kind: "RolloutPolicy",
    metadata: { name: "recorded-rules" },
    spec: { strategy: "canary", stages: [{ name: "recorded" }], rollback: [{ metric: "recorded" }], ...rules }
  };
}
function minutes(ms) {
  return formatDuration(Math.max(0, Math.floor(ms / 6e4) * 6e4));
}
var ON_FAILURE = { rollback: "rollback", pause: "pause", freeze: "freeze" };
function hold(code2, reason) {
  return { decision: "hold", code: code2, reason };
}
function mayMoveTraffic(facts, next) {
  if (!facts.window.open) {
    const opens = facts.window.opensAt ? `; it opens at ${facts.window.opensAt}` : "";
    return hold("window-closed", `ready for ${next}, but ${facts.window.reason ?? "the deploy window is closed"}${opens}`);
  }
  const approval2 = facts.approval;
  if (approval2 && !approval2.granted) {
    const who = approval2.approvers.length > 0 ? approval2.approvers.join(", ") : "a person with write access";
    const why = approval2.why === "high-risk" ? " (a high-risk release needs an approval before 100%)" : "";
    return hold("awaiting-approval", `ready for ${approval2.stage}, waiting for approval from ${who}${why}`);
  }
  return { decision: "advance", code: "advance", reason: `moving to ${next}` };
}
function decideTick(facts, judgement) {
  if (judgement && facts.phase !== "pending") {
    if (judgement.outcome === "rollback") return { decision: "rollback", code: "judgement:rollback", reason: judgement.reason, trigger: "criterion" };
    if (judgement.outcome === "critical-fail") return { decision: "rollback", code: "judgement:critical-fail", reason: judgement.reason, trigger: "gate" };
  }
  switch (facts.phase) {
    case "paused":
      return hold("paused", "paused: no automatic change until a person approves (`glidepath approve`) or rolls back");
    case "frozen":
      return hold("frozen", "frozen: no automatic change until a person unfreezes (`glidepath approve --reason \u2026`) or rolls back");
    case "pending":
      return mayMoveTraffic(facts, facts.nextStage ?? facts.stage);
    case "watching":
      return decideWatch(facts, judgement);
    case "progressing":
      return decideStage(facts, judgement);
    case "complete":
    case "rolled-back":
      return hold(facts.phase, `the rollout is ${facts.phase}`);
  }
}
function decideWatch(facts, judgement) {
  const elapsed = facts.watchElapsedMs ?? facts.elapsedMs;
  if (elapsed < facts.watchMs) {
    return hold("watching", `watching at the last stage: ${minutes(elapsed)} of ${formatDuration(facts.watchMs)}; rollback criteria still checked`);
  }
  if (judgement?.sourceError !== void 0) {
    return hold("watch-no-data", `the watch has ended but the metrics source failed (${judgement.sourceError}); completing needs the rollback criteria checked once more`);
  }
  return { decision: "complete", code: "complete", reason: `the watch (${formatDuration(facts.watchMs)}) passed without a rollback criterion firing` };
}
function decideStage(facts, judgement) {
  if (facts.staleJudgement) {
    return hold("stale-judgement", `the judgement is for stage ${judgement?.stage ?? "?"}, the rollout is in ${facts.stage}; waiting for a judgement of this stage`);
  }
  const base = judgement ? decideFromJudgement(rulesPolicy(facts.rules), judgement) : { decision: "advance", reason: "the stage has no gates" };
  const outcome = judgement?.outcome ?? "pass";
  const code2 = `judgement:${outcome}`;
  const bakeLeft = facts.minDurationMs - facts.elapsedMs;
  const overdue = facts.maxDurationMs !== void 0 && facts.elapsedMs >= facts.maxDurationMs;
  if (base.decision === "rollback" || base.decision === "pause" || base.decision === "freeze") {
    if (outcome === "inconclusive" && bakeLeft > 0) {
      return hold("bake-time", `${base.reason}; inconclusive before the bake time (${minutes(facts.elapsedMs)} of ${formatDuration(facts.minDurationMs)}) is not yet a failure`);
    }
    return { decision: base.decision, code: code2, reason: base.reason, ...base.decision === "rollback" ? { trigger: "gate" } : {} };
  }
  if (base.decision === "advance") {
    if (bakeLeft > 0) {
      return hold("bake-time", `gates pass, bake time not over: ${minutes(facts.elapsedMs)} of ${formatDuration(facts.minDurationMs)} in ${facts.stage}`);
    }
    if (facts.stageIndex >= facts.stageCount - 1) {
      return facts.watchMs > 0 ? { decision: "advance", code: "enter-watch", reason: `${facts.stage} passed (${base.reason}); watching for ${formatDuration(facts.watchMs)}` } : { decision: "complete", code: "complete", reason: `${facts.stage} passed (${base.reason}) and the policy sets no watch` };
    }
    const next = mayMoveTraffic(facts, facts.nextStage ?? "the next stage");
    return next.decision === "advance" ? { ...next, reason: `${facts.stage} passed (${base.reason}); ${next.reason}` } : next;
  }
  if (overdue) {
    const decision = ON_FAILURE[facts.rules.onFailure];
    return {
      decision,
      code: "max-duration",
      reason: `${facts.stage} did not pass within its maxDuration (${formatDuration(facts.maxDurationMs ?? 0)}): ${base.reason}; onFailure: ${facts.rules.onFailure}`,
      ...decision === "rollback" ? { trigger: "gate" } : {}
    };
  }
  if (base.decision === "extend") {
    const until = facts.maxDurationMs === void 0 ? "the stage has no maxDuration, so it holds until the gates decide" : `up to maxDuration (${minutes(facts.maxDurationMs - facts.elapsedMs)} left)`;
    return { decision: "extend", code: code2, reason: `${base.reason}; collecting more data ${until}` };
  }
  return hold(code2, base.reason);
}

// src/core/rollout/approvals.ts
function approvalReason(release, policy, stageIndex) {
  const stage = policy.spec.stages[stageIndex];
  if (!stage) return void 0;
  if (stage.approval === "required") return "stage";
  const split = splitForStage(stage);
  if (release.spec.risk === "high" && split.mode === "traffic" && split.weight >= 100) return "high-risk";
  return void 0;
}
function stageApproval(state, stage) {
  return state.approvals.find((approval2) => (approval2.kind ?? "stage") === "stage" && approval2.stage === stage);
}
function approversFor(policy, config) {
  return policy.spec.approvers ?? config?.spec.approvers ?? [];
}
function normalise(name) {
  return name.replace(/^@/, "").toLowerCase();
}
function isBot(actor) {
  return /\[bot\]$/i.test(actor) || actor.toLowerCase() === "github-actions";
}
function mayApprove(by, approvers, memberOf = []) {
  if (isBot(by)) return false;
  if (approvers.length === 0) return true;
  const person = normalise(by);
  const teams = new Set(memberOf.map(normalise));
  return approvers.some((entry) => entry.includes("/") ? teams.has(normalise(entry)) : normalise(entry) === person);
}

// src/core/rollout/transitions.ts
function stageAt(policy, index) {
  const stage = policy.spec.stages[index];
  if (!stage) {
    throw new Error(`policy ${policy.metadata.name}: the rollout state points at stage ${index + 1}, but spec.stages has ${policy.spec.stages.length}; the policy changed under a running rollout \u2014 roll back or restore the stage`);
  }
  return stage;
}
function closeHistory(state, at) {
  const history = [...state.history ?? []];
  const last = history[history.length - 1];
  if (last && last.until === void 0) history[history.length - 1] = { ...last, until: at };
  return history;
}
function enterStage(state, policy, stageIndex, split, at) {
  const stage = stageAt(policy, stageIndex);
  const { phaseReason: _reason, watchStartedAt: _watch, ...rest } = state;
  return {
    ...rest,
    phase: "progressing",
    stageIndex,
    stage: stage.name,
    stageStartedAt: at,
    split,
    history: [...closeHistory(state, at), { stage: stage.name, index: stageIndex, split, from: at }]
  };
}
function recorded(state, decision, reason, code2, at) {
  return { ...state, revision: state.revision + 1, updatedAt: at, lastDecision: { decision, at, reason, code: code2 } };
}
function inPhase(state, phase, reason) {
  return { ...state, phase, phaseReason: reason };
}
function draft(state, at, actor, fields) {
  return { at, release: state.release, bundleHash: state.bundleHash, stage: state.stage, actor, ...fields };
}

// src/core/rollout/window.ts
var MINUTE = 6e4;
var DAY = 864e5;
var WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
var SEARCH_DAYS = 8;
var MAX_HOPS = 64;
var formatters = /* @__PURE__ */ new Map();
function formatterFor(timeZone) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric"
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
function localTime(ms, timeZone) {
  const parts = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const year = parts["year"] ?? 0;
  const month = parts["month"] ?? 1;
  const day = parts["day"] ?? 1;
  const hour = parts["hour"] ?? 0;
  const minute = parts["minute"] ?? 0;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, parts["second"] ?? 0);
  return { year, month, day, weekday: WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "sun", minutes: hour * 60 + minute, wallMs };
}
function offsetAt(ms, timeZone) {
  const whole = Math.floor(ms / 1e3) * 1e3;
  return localTime(whole, timeZone).wallMs - whole;
}
function earliestLocalInstant(wallMidnightMs, minutes2, timeZone) {
  const wall = wallMidnightMs + minutes2 * MINUTE;
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const exact = [wall - before, wall - after].filter((instant) => localTime(instant, timeZone).wallMs === wall);
  if (exact.length > 0) return Math.min(...exact);
  let low = wall - Math.max(before, after);
  let high = wall - Math.min(before, after);
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / (2 * MINUTE)) * MINUTE;
    if (localTime(middle, timeZone).wallMs >= wall) high = middle;
    else low = middle;
  }
  return high;
}
function minutesOf2(text) {
  const match = /^([0-9]{2}):([0-9]{2})$/.exec(text);
  if (!match) return void 0;
  const value = Number(match[1]) * 60 + Number(match[2]);
  return value <= 24 * 60 ? value : void 0;
}
function parseWindow(window) {
  const [from = "", until = ""] = (window.hours ?? "00:00-24:00").split("-");
  const start = minutesOf2(from);
  const end = minutesOf2(until);
  if (start === void 0 || end === void 0) return `spec.window.hours \`${window.hours}\` is not \`HH:MM-HH:MM\`; fix the policy`;
  if (start >= end) return `spec.window.hours \`${window.hours}\` ends before it starts (windows across midnight are not supported); fix the policy`;
  try {
    formatterFor(window.timezone);
  } catch {
    return `spec.window.timezone \`${window.timezone}\` is not an IANA time zone; fix the policy (such as \`Europe/Berlin\`)`;
  }
  return { days: new Set(window.days ?? WEEKDAYS), start, end, timeZone: window.timezone };
}
function insideWindow(window, ms) {
  const local = localTime(ms, window.timeZone);
  return window.days.has(local.weekday) && local.minutes >= window.start && local.minutes < window.end;
}
function nextWindowOpening(window, ms) {
  if (insideWindow(window, ms)) return ms;
  const today = localTime(ms, window.timeZone);
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const midnight = Date.UTC(today.year, today.month - 1, today.day + offset);
    const weekday = WEEKDAYS[new Date(midnight).getUTCDay()] ?? "sun";
    if (!window.days.has(weekday)) continue;
    const opening = earliestLocalInstant(midnight, window.start, window.timeZone);
    if (opening > ms && insideWindow(window, opening)) return opening;
  }
  return void 0;
}
function parseFreezes(freezes) {
  return (freezes ?? []).map((freeze) => ({ from: Date.parse(freeze.from), until: Date.parse(freeze.until), ...freeze.reason !== void 0 ? { reason: freeze.reason } : {} })).filter((freeze) => Number.isFinite(freeze.from) && Number.isFinite(freeze.until) && freeze.from < freeze.until);
}
function activeFreeze(freezes, ms) {
  return freezes.filter((freeze) => freeze.from <= ms && ms < freeze.until).sort((a, b) => b.until - a.until)[0];
}
function describeWindow2(window) {
  const days = window.days ? window.days.join(", ") : "every day";
  return `${days} ${window.hours ?? "00:00-24:00"} ${window.timezone}`;
}
function windowStatus(policy, now) {
  const window = policy.spec.window === void 0 ? void 0 : parseWindow(policy.spec.window);
  if (typeof window === "string") return { open: false, reason: window };
  const freezes = parseFreezes(policy.spec.freezes);
  const ms = now.getTime();
  const freeze = activeFreeze(freezes, ms);
  const inside2 = window === void 0 || insideWindow(window, ms);
  if (!freeze && inside2) return { open: true };
  const opensAt = nextOpening(window, freezes, ms);
  const reason = freeze ? `frozen until ${new Date(freeze.until).toISOString()}${freeze.reason ? ` (${freeze.reason})` : ""}` : `outside the deploy window (${describeWindow2(policy.spec.window)})`;
  return opensAt === void 0 ? { open: false, reason } : { open: false, reason, opensAt: new Date(opensAt).toISOString() };
}
function nextOpening(window, freezes, from) {
  let candidate = from;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const freeze = activeFreeze(freezes, candidate);
    if (freeze) {
      candidate = freeze.until;
      continue;
    }
    const opening = window === void 0 ? candidate : nextWindowOpening(window, candidate);
    if (opening === void 0) return void 0;
    if (opening === candidate) return candidate;
    candidate = opening;
  }
  return void 0;
}

// src/core/rollout/facts.ts
function durationMs(policy, stageIndex, field) {
  const text = stageAt(policy, stageIndex)[field];
  if (text === void 0) return void 0;
  const ms = parseDuration(text);
  if (ms === void 0) {
    throw new Error(`policy ${policy.metadata.name}: spec.stages[${stageIndex}].${field} \`${text}\` is not a duration; write one such as \`30m\`, \`24h\` or \`1h30m\``);
  }
  return ms;
}
function rulesOf(policy) {
  return {
    onFailure: policy.spec.onFailure ?? "rollback",
    onInconclusive: policy.spec.onInconclusive ?? "hold",
    onNoData: policy.spec.onNoData ?? "hold"
  };
}
function targetIndex(state, policy) {
  if (state.phase === "pending") return 0;
  const next = state.stageIndex + 1;
  return next < policy.spec.stages.length ? next : void 0;
}
function buildFacts(input) {
  const { release, policy, config, state, judgement, now } = input;
  const stageCount = policy.spec.stages.length;
  const ms = now.getTime();
  const target2 = targetIndex(state, policy);
  const maxDurationMs = durationMs(policy, state.stageIndex, "maxDuration");
  const why = target2 === void 0 ? void 0 : approvalReason(release, policy, target2);
  const window = windowStatus(policy, now);
  const watchStart = state.watchStartedAt ?? state.stageStartedAt;
  return {
    phase: state.phase,
    stage: state.stage,
    stageIndex: state.stageIndex,
    stageCount,
    ...target2 !== void 0 ? { nextStage: stageAt(policy, target2).name } : {},
    elapsedMs: ms - Date.parse(state.stageStartedAt),
    minDurationMs: durationMs(policy, state.stageIndex, "minDuration") ?? 0,
    ...maxDurationMs !== void 0 ? { maxDurationMs } : {},
    watchMs: durationMs(policy, stageCount - 1, "watch") ?? 0,
    ...state.phase === "watching" ? { watchElapsedMs: ms - Date.parse(watchStart) } : {},
    rules: rulesOf(policy),
    window: window.open ? { open: true } : { open: false, reason: window.reason, ...window.opensAt ? { opensAt: window.opensAt } : {} },
    ...target2 !== void 0 && why !== void 0 ? {
      approval: {
        stage: stageAt(policy, target2).name,
        why,
        granted: stageApproval(state, stageAt(policy, target2).name) !== void 0,
        approvers: [...approversFor(policy, config)]
      }
    } : {},
    ...judgement !== void 0 && judgement.stage !== state.stage ? { staleJudgement: true } : {}
  };
}

// src/core/rollout/messages.ts
function commentAction(release, headline, ...paragraphs) {
  return { type: "comment", release, body: [`**Glidepath \xB7 \`${release}\`** \u2014 ${headline}`, ...paragraphs].join("\n\n") };
}
function checkAction(release, conclusion, title, summary) {
  return { type: "check", release, conclusion, title, summary };
}
function approveHint(release, stage) {
  const option2 = stage ? ` --stage ${stage}` : "";
  return `comment \`/glidepath approve\` on the pull request, or run \`glidepath approve --release ${release}${option2}\``;
}

// src/core/rollout/types.ts
function isTerminal(phase) {
  return phase === "complete" || phase === "rolled-back";
}
var AUDIT_HASH_PLACEHOLDER = "{{audit-record-hash}}";
function fillAuditHash(action, hash) {
  switch (action.type) {
    case "open-revert":
      return { ...action, body: action.body.split(AUDIT_HASH_PLACEHOLDER).join(hash) };
    case "comment":
      return { ...action, body: action.body.split(AUDIT_HASH_PLACEHOLDER).join(hash) };
    case "notify":
      return { ...action, message: action.message.split(AUDIT_HASH_PLACEHOLDER).join(hash) };
    default:
      return action;
  }
}

// src/core/rollout/revert-evidence.ts
var TRIGGERS = {
  criterion: "a rollback criterion fired",
  gate: "a gate failed (critical gate, onFailure, onInconclusive, onNoData or maxDuration)",
  manual: "a person asked for it",
  drill: "a rollback drill"
};
function cell3(value) {
  if (value === void 0 || value === null) return "\u2013";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : "\u2013";
  return String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");
}
function verdictRow(kind, verdict) {
  const e = verdict.evidence;
  const interval = e?.interval ? `[${cell3(e.interval[0])}, ${cell3(e.interval[1])}]` : "\u2013";
  const segment = verdict.segment ? ` (${verdict.segment.attribute}=${verdict.segment.value})` : "";
  return `| ${kind} | ${cell3(verdict.gate)}${cell3(segment)} | ${cell3(verdict.metric)} | **${verdict.verdict}** | ${cell3(e?.effect)} | ${interval} | ${cell3(e?.threshold)} | ${cell3(e?.pValue)} | ${cell3(e?.n.control)} / ${cell3(e?.n.canary)} | ${cell3(verdict.reason)} |`;
}
function visitsUntil(state, at) {
  const history = state.history && state.history.length > 0 ? state.history : [{ stage: state.stage, index: state.stageIndex, split: state.split, from: state.stageStartedAt }];
  return history.map((visit) => visit.until === void 0 ? { ...visit, until: at } : visit);
}
function estimateImpact(state, at, requestsPerHour, judgement) {
  const lines = [];
  const visits = visitsUntil(state, at);
  const served = visits.filter((visit) => visit.split.mode === "traffic" && visit.split.weight > 0);
  const hours = served.reduce((sum2, visit) => sum2 + Math.max(0, Date.parse(visit.until ?? at) - Date.parse(visit.from)) / 36e5, 0);
  const firstServed = served[0];
  lines.push(firstServed ? `The challenger first served users at ${firstServed.from} (${firstServed.stage}, ${describeSplit(firstServed.split)}); it served in ${served.length} stage(s) for ${formatDuration(Math.round(hours * 36e5))} in total.` : "The challenger never served users (shadow or pending only).");
  let fromHistory;
  if (requestsPerHour !== void 0) {
    fromHistory = Math.round(served.reduce((sum2, visit) => sum2 + Math.max(0, Date.parse(visit.until ?? at) - Date.parse(visit.from)) / 36e5 * (visit.split.weight / 100) * requestsPerHour, 0));
    const rings = served.some((visit) => visit.split.segment) ? " Ring segments are not included, so this is a lower bound." : "";
    lines.push(`Estimated from the stage history: about **${fromHistory.toLocaleString("en-US")}** requests (hours in each stage \xD7 its weight \xD7 ${requestsPerHour.toLocaleString("en-US")} requests/hour from the release's \`traffic\`).${rings}`);
  } else {
    lines.push("No `traffic.requestsPerHour` is declared, so no estimate from the stage history.");
  }
  let fromSamples;
  if (judgement && judgement.samples.canary > 0) {
    fromSamples = judgement.samples.canary;
    lines.push(`Counted by the metrics source: the canary arm had **${fromSamples.toLocaleString("en-US")}** requests in the last judged window of ${judgement.stage} (a lower bound: earlier stages are not included).`);
  }
  return { lines, ...fromHistory !== void 0 ? { fromHistory } : {}, ...fromSamples !== void 0 ? { fromSamples } : {} };
}
function revertEvidence(input) {
  const { state, judgement } = input;
  const title = `Revert ${state.release}: rolled back at ${state.stage} (${input.trigger})`;
  const impact = estimateImpact(state, input.at, input.requestsPerHour, judgement);
  const lines = [
    `## Glidepath rolled back \`${state.release}\``,
    "",
    `The champion serves all traffic again since **${input.at}**. This pull request reverts the change so that git says what production runs.`,
    "",
    "| | |",
    "|---|---|",
    `| Trigger | ${input.trigger}: ${TRIGGERS[input.trigger]} |`,
    `| Reason | ${cell3(input.reason)} |`,
    `| Stage | ${state.stage} (${state.stageIndex + 1}), ${describeSplit(state.split)} before the rollback |`,
    `| Rolled back by | ${cell3(input.actor)} |`,
    `| Rollout started | ${state.startedAt} |`,
    `| Challenger bundle | \`${state.bundleHash}\` |`,
    ...state.sourceCommit ? [`| Merge commit reverted | ${state.sourceCommit} |`] : [],
    `| Audit record | \`${input.auditHash ?? AUDIT_HASH_PLACEHOLDER}\` |`,
    ""
  ];
  if (judgement) {
    lines.push(
      "### Gates and rollback criteria",
      "",
      `Judgement of ${judgement.stage}: **${judgement.outcome}**: ${cell3(judgement.reason)}`,
      `Samples: control ${judgement.samples.control}, canary ${judgement.samples.canary}. Split check: ${judgement.srm.verdict}${judgement.srm.pValue !== void 0 ? ` (p = ${cell3(judgement.srm.pValue)})` : ""}.`,
      "",
      "| | name | metric | verdict | effect | interval | threshold | p | n control / canary | why |",
      "|---|---|---|---|---|---|---|---|---|---|",
      ...judgement.rollback.map((verdict) => verdictRow("rollback criterion", verdict)),
      ...judgement.gates.map((verdict) => verdictRow(verdict.critical ? "critical gate" : "gate", verdict)),
      ""
    );
    if (judgement.sourceError) lines.push(`The metrics source reported an error: ${cell3(judgement.sourceError)}`, "");
  } else {
    lines.push("No judgement accompanied this rollback (a manual rollback or a drill).", "");
  }
  lines.push("### Impact", "", ...impact.lines, "", "`glidepath audit verify` checks this record's place in the hash chain and replays the decision from its evidence.");
  return { title, body: lines.join("\n") };
}

// src/core/rollout/plan-rollback.ts
function buildRollbackPlan(input) {
  const { state, actor, reason, trigger } = input;
  const at = input.now.toISOString();
  const event = trigger === "drill" ? "drill" : "rollback";
  const code2 = input.code ?? `rollback:${trigger}`;
  const next = recorded(
    {
      ...state,
      phase: "rolled-back",
      split: CHAMPION_ONLY,
      history: closeHistory(state, at),
      phaseReason: reason,
      rolledBack: { at, trigger, reason, by: actor }
    },
    "rollback",
    reason,
    code2,
    at
  );
  const evidence2 = revertEvidence({
    state,
    trigger,
    reason,
    at,
    actor,
    ...input.judgement ? { judgement: input.judgement } : {},
    ...input.requestsPerHour !== void 0 ? { requestsPerHour: input.requestsPerHour } : {}
  });
  const record = draft(state, at, actor, {
    event,
    decision: "rollback",
    reason,
    code: code2,
    splitBefore: state.split,
    splitAfter: CHAMPION_ONLY,
    ...input.judgement ? { judgement: input.judgement } : {},
    ...input.metrics ? { inputs: summariseInputs(input.metrics) } : {},
    ...input.facts ? { facts: input.facts } : {},
    ...input.provider ? { provider: input.provider } : {},
    details: { trigger }
  });
  const actions = [
    { type: "set-traffic", release: state.release, split: CHAMPION_ONLY, from: state.split, reason: `rollback (${trigger}): ${reason}` },
    { type: "write-state", state: next },
    { type: "append-audit", record }
  ];
  if (trigger !== "drill") {
    actions.push({ type: "open-revert", release: state.release, title: evidence2.title, body: evidence2.body, ...state.sourceCommit ? { sourceCommit: state.sourceCommit } : {} });
  }
  const headline = trigger === "drill" ? "rollback drill: the champion serves all traffic" : "rolled back: the champion serves all traffic";
  actions.push(
    commentAction(state.release, headline, `${describeSplit(state.split)} at ${state.stage} \u2192 off. Trigger: ${trigger}. ${reason}`, `Audit record \`${AUDIT_HASH_PLACEHOLDER}\`.`),
    checkAction(state.release, "failure", `Rolled back at ${state.stage}`, reason),
    { type: "notify", release: state.release, message: `Glidepath rolled back ${state.release} at ${state.stage} (${trigger}): ${reason}` }
  );
  return { decision: "rollback", reason, actions, next };
}
function planRollback(input) {
  const { state } = input;
  if (state.release !== input.release.metadata.name) {
    throw new Error(`planRollback: the state is for ${state.release}, the release is ${input.release.metadata.name}`);
  }
  if (state.phase === "rolled-back") {
    return { decision: "hold", reason: `${state.release} was already rolled back at ${state.rolledBack?.at ?? state.updatedAt}; nothing to do`, actions: [], next: state };
  }
  const requestsPerHour = input.requestsPerHour ?? input.release.spec.traffic?.requestsPerHour;
  return buildRollbackPlan({
    state,
    now: input.now,
    actor: input.actor,
    reason: input.reason,
    trigger: input.trigger,
    ...input.judgement ? { judgement: input.judgement } : {},
    ...requestsPerHour !== void 0 ? { requestsPerHour } : {}
  });
}

// src/core/rollout/plan-start.ts
function short(hash) {
  return hash.slice(0, 12);
}
function restartApproval(previous) {
  const since2 = Date.parse(previous.rolledBack?.at ?? previous.updatedAt);
  return previous.approvals.find((approval2) => approval2.kind === "restart" && Date.parse(approval2.at) >= since2);
}
function planStart(input) {
  const { release, policy, previous } = input;
  const name = release.metadata.name;
  if (release.spec.policy !== policy.metadata.name) {
    return { refused: `release ${name} follows policy ${release.spec.policy}, but policy ${policy.metadata.name} was given` };
  }
  if (previous && previous.release !== name) throw new Error(`planStart: the stored state is for ${previous.release}, the release is ${name}`);
  let supersedes;
  let restart;
  if (previous) {
    const running = previous.phase !== "complete" && previous.phase !== "rolled-back";
    if (previous.bundleHash === input.bundleHash && (running || previous.phase === "complete")) {
      const reason = running ? `${name} is already rolling out this bundle (${previous.phase} at ${previous.stage}); nothing to start` : `${name} already completed with this bundle; nothing to start`;
      return { decision: "hold", reason, actions: [], next: previous };
    }
    if (running) {
      const untouched = (previous.phase === "pending" || previous.phase === "progressing") && !servesUsers(previous.split);
      if (!untouched) {
        return {
          refused: `${name} is mid-rollout (${previous.phase} at ${previous.stage}, ${describeSplit(previous.split)}) with challenger ${short(previous.bundleHash)}\u2026; this change brings challenger ${short(input.bundleHash)}\u2026. A rollout that serves users is never swapped underneath them: roll it back first (\`glidepath rollback --release ${name}\`), then approve a restart (\`glidepath approve --release ${name}\`) and start again`
        };
      }
      supersedes = previous.bundleHash;
    }
    if (previous.phase === "rolled-back") {
      restart = restartApproval(previous);
      if (!restart) {
        const when = previous.rolledBack ? ` at ${previous.rolledBack.at} (${previous.rolledBack.trigger}: ${previous.rolledBack.reason})` : "";
        return {
          refused: `${name} was rolled back${when}. Starting it again needs a person's approval: ${approveHint(name)}, then start again`
        };
      }
    }
  }
  return startRollout(input, supersedes, restart);
}
function startRollout(input, supersedes, restart) {
  const { release, policy, previous } = input;
  const at = input.now.toISOString();
  const first = stageAt(policy, 0);
  const pending = {
    release: release.metadata.name,
    phase: "pending",
    stageIndex: 0,
    stage: first.name,
    startedAt: at,
    stageStartedAt: at,
    updatedAt: at,
    split: CHAMPION_ONLY,
    bundleHash: input.bundleHash,
    ...input.sourceCommit ? { sourceCommit: input.sourceCommit } : {},
    approvals: [],
    revision: previous?.revision ?? 0,
    policy: policy.metadata.name,
    history: []
  };
  const facts = buildFacts({ release, policy, config: input.config, state: pending, judgement: void 0, now: input.now });
  const decided = decideTick(facts, void 0);
  const details = {
    policy: policy.metadata.name,
    ...supersedes ? { supersedes } : {},
    ...restart ? { restartApprovedBy: restart.by, restartApprovedAt: restart.at } : {}
  };
  if (decided.decision !== "advance") {
    const reason2 = `started; waiting before ${first.name}: ${decided.reason}`;
    const next2 = recorded(pending, "hold", reason2, decided.code, at);
    const actions = [
      { type: "write-state", state: next2 },
      { type: "append-audit", record: draft(next2, at, input.actor, { event: "start", decision: "hold", reason: reason2, code: decided.code, facts, details }) },
      commentAction(next2.release, `started; waiting before ${first.name}`, decided.reason, ...decided.code === "awaiting-approval" ? [`To approve, ${approveHint(next2.release, first.name)}.`] : [])
    ];
    return { decision: "hold", reason: reason2, actions, next: next2 };
  }
  const split = splitForStage(first);
  const reason = `started at ${first.name} (${describeSplit(split)})${supersedes ? `, replacing challenger ${short(supersedes)}\u2026 which had served no user` : ""}`;
  const next = recorded(enterStage(pending, policy, 0, split, at), "advance", reason, "start", at);
  return {
    decision: "advance",
    reason,
    actions: [
      { type: "set-traffic", release: next.release, split, from: supersedes && previous ? previous.split : CHAMPION_ONLY, reason: `start at ${first.name}` },
      { type: "write-state", state: next },
      { type: "append-audit", record: draft(next, at, input.actor, { event: "start", decision: "advance", reason, code: "start", facts, splitBefore: supersedes && previous ? previous.split : CHAMPION_ONLY, splitAfter: split, details }) },
      commentAction(next.release, `started: ${first.name} (${describeSplit(split)})`, reason),
      checkAction(next.release, "neutral", `Rolling out: ${first.name}`, reason)
    ],
    next
  };
}

// src/core/rollout/plan-approve.ts
function planApprove(input) {
  const { state, policy } = input;
  const name = state.release;
  if (isBot(input.by)) return { refused: `${input.by} is a bot; approvals are a person's decision` };
  const approvers = approversFor(policy, input.config);
  if (!mayApprove(input.by, approvers, input.memberOf)) {
    return { refused: `${input.by} may not approve ${name}: the approvers are ${approvers.join(", ")} (spec.approvers of policy ${policy.metadata.name}, else of glidepath.yaml)` };
  }
  switch (state.phase) {
    case "complete":
      return { refused: `${name} is complete; there is nothing to approve` };
    case "watching":
      return { refused: `${name} is watching at ${state.stage}; nothing waits for an approval (it completes when the watch ends)` };
    case "rolled-back":
      return approveRestart(input);
    case "paused":
    case "frozen":
      return approveResume(input);
    case "pending":
    case "progressing":
      return approveStage(input);
  }
}
function approval(input, stage, kind) {
  return { stage, by: input.by, at: input.now.toISOString(), kind, ...input.reason ? { reason: input.reason } : {} };
}
function approvalActions(input, next, given, reason, headline) {
  const at = input.now.toISOString();
  return [
    { type: "write-state", state: next },
    {
      type: "append-audit",
      record: draft(input.state, at, input.by, { event: "approval", reason, code: `approval:${given.kind ?? "stage"}`, details: { approval: given } })
    },
    commentAction(next.release, headline, reason)
  ];
}
function approveStage(input) {
  const { state, policy, release } = input;
  const stages = policy.spec.stages;
  const from = targetIndex(state, policy) ?? stages.length;
  const needing = stages.map((_, index) => index).filter((index) => index >= from && approvalReason(release, policy, index) !== void 0);
  let chosen;
  if (input.stage !== void 0) {
    const index = stages.findIndex((stage2) => stage2.name === input.stage);
    if (index < 0) return { refused: `policy ${policy.metadata.name} has no stage ${input.stage}; its stages are ${stages.map((stage2) => stage2.name).join(", ")}` };
    if (index < from) return { refused: `${state.release} is already past ${input.stage}; nothing to approve there` };
    if (!needing.includes(index)) return { refused: `stage ${input.stage} needs no approval` };
    chosen = index;
  } else {
    chosen = needing.find((index) => stageApproval(state, stageAt(policy, index).name) === void 0) ?? needing[0];
  }
  if (chosen === void 0) {
    return { refused: `nothing in ${state.release} waits for an approval: no stage from ${stages[from]?.name ?? "here"} on needs one` };
  }
  const stage = stageAt(policy, chosen);
  const existing = stageApproval(state, stage.name);
  if (existing) {
    return { decision: "hold", reason: `${stage.name} was already approved by ${existing.by} at ${existing.at}`, actions: [], next: state };
  }
  const given = approval(input, stage.name, "stage");
  const reason = `${input.by} approved ${stage.name} (${describeSplit(splitForStage(stage))})${input.reason ? `: ${input.reason}` : ""}; traffic moves there once the stage before it passes and the deploy window is open`;
  const at = input.now.toISOString();
  const next = recorded({ ...state, approvals: [...state.approvals, given] }, "hold", reason, "approval:stage", at);
  return { decision: "hold", reason, actions: approvalActions(input, next, given, reason, `${stage.name} approved by ${input.by}`), next };
}
function approveResume(input) {
  const { state, policy } = input;
  if (state.phase === "frozen" && !input.reason) {
    return { refused: `${state.release} is frozen (${state.phaseReason ?? "onFailure: freeze"}); unfreezing needs a reason: add --reason "\u2026" (or text after /glidepath approve)` };
  }
  const at = input.now.toISOString();
  const split = splitForStage(stageAt(policy, state.stageIndex));
  const moves = !sameSplit(split, state.split);
  if (moves) {
    const window = windowStatus(policy, input.now);
    if (!window.open) {
      return { refused: `resuming ${state.release} would set ${state.stage}'s split (${describeSplit(split)}) again, but ${window.reason}${window.opensAt ? `; it opens at ${window.opensAt}` : ""}` };
    }
  }
  const given = approval(input, state.stage, "resume");
  const reason = `${input.by} resumed ${state.release} at ${state.stage}${input.reason ? `: ${input.reason}` : ""}; the stage's bake time starts again`;
  const { phaseReason: _reason, watchStartedAt: _watch, ...rest } = state;
  const resumed = {
    ...rest,
    phase: "progressing",
    stageStartedAt: at,
    split,
    approvals: [...state.approvals, given],
    history: moves ? [...closeHistory(state, at), { stage: state.stage, index: state.stageIndex, split, from: at }] : [...state.history ?? []]
  };
  const next = recorded(resumed, "advance", reason, "approval:resume", at);
  const actions = approvalActions(input, next, given, reason, `resumed at ${state.stage} by ${input.by}`);
  if (moves) actions.unshift({ type: "set-traffic", release: state.release, split, from: state.split, reason: `resume at ${state.stage}` });
  return { decision: "advance", reason, actions, next };
}
function approveRestart(input) {
  const { state } = input;
  const existing = restartApproval(state);
  if (existing) {
    return { decision: "hold", reason: `a restart of ${state.release} was already approved by ${existing.by} at ${existing.at}`, actions: [], next: state };
  }
  const given = approval(input, state.stage, "restart");
  const reason = `${input.by} approved restarting ${state.release} after its rollback${input.reason ? `: ${input.reason}` : ""}; the next start begins again at stage 1`;
  const next = recorded({ ...state, approvals: [...state.approvals, given] }, "hold", reason, "approval:restart", input.now.toISOString());
  return { decision: "hold", reason, actions: approvalActions(input, next, given, reason, `restart approved by ${input.by}`), next };
}

// src/core/rollout/plan-provider-failure.ts
function planProviderFailure(input) {
  const at = input.now.toISOString();
  const reason = `the provider refused ${describeSplit(input.attempted)} (${input.error}); traffic is unchanged and the next evaluation tries again`;
  const record = {
    at,
    release: input.release,
    bundleHash: input.state?.bundleHash ?? input.bundleHash,
    stage: input.state?.stage ?? input.stage,
    actor: input.actor,
    event: "reconcile",
    decision: "hold",
    reason,
    code: "provider-error",
    provider: { ok: false, error: input.error },
    details: { attempted: input.attempted }
  };
  const actions = [];
  let next = input.state;
  if (input.state) {
    next = recorded(input.state, "hold", reason, "provider-error", at);
    actions.push({ type: "write-state", state: next });
  }
  actions.push(
    { type: "append-audit", record },
    { type: "notify", release: input.release, message: `Glidepath could not change traffic for ${input.release}: ${input.error}` }
  );
  return { decision: "hold", reason, actions, next };
}

// src/core/rollout/planner.ts
var HOLD_HEARTBEAT_MS = 36e5;
function requestsPerHourOf(release, config) {
  return release.spec.traffic?.requestsPerHour ?? config?.spec.traffic?.requestsPerHour;
}
function providerAnswer(observed) {
  return observed.ok ? { ok: true, split: observed.value } : { ok: false, error: observed.error };
}
function exposure(split) {
  if (split.mode === "off") return -1;
  if (split.mode === "shadow") return 0;
  return split.weight;
}
function planTick(input) {
  const { state, release, observed } = input;
  if (state.release !== release.metadata.name) {
    throw new Error(`planTick: the state is for ${state.release}, the release is ${release.metadata.name}`);
  }
  if (state.phase === "complete") return { decision: "hold", reason: "the rollout is complete; nothing to do", actions: [], next: state };
  if (state.phase === "rolled-back") return keepChampion(input);
  const facts = buildFacts(input);
  const decided = decideTick(facts, input.judgement);
  const provider = providerAnswer(observed);
  if (decided.decision === "rollback") {
    const requestsPerHour = requestsPerHourOf(release, input.config);
    return buildRollbackPlan({
      state,
      now: input.now,
      actor: input.actor,
      reason: decided.reason,
      trigger: decided.trigger ?? "gate",
      code: decided.code,
      facts,
      provider,
      ...input.judgement ? { judgement: input.judgement } : {},
      ...input.metrics ? { metrics: input.metrics } : {},
      ...requestsPerHour !== void 0 ? { requestsPerHour } : {}
    });
  }
  if (!observed.ok) {
    return holdPlan(input, { decision: "hold", code: "provider-error", reason: `the provider could not be read (${observed.error}); holding without any traffic change` }, "reconcile", void 0);
  }
  if (!sameSplit(observed.value, state.split)) return reconcile(input, observed.value);
  return applyDecision(input, facts, decided);
}
function keepChampion(input) {
  const { state, observed } = input;
  if (!observed.ok || sameSplit(observed.value, CHAMPION_ONLY)) {
    return { decision: "hold", reason: "the rollout was rolled back; the champion serves all traffic", actions: [], next: state };
  }
  const at = input.now.toISOString();
  const reason = `the rollout was rolled back, but the provider serves ${describeSplit(observed.value)}; restoring the champion`;
  const next = recorded(state, "rollback", reason, "reconcile-restore", at);
  return {
    decision: "rollback",
    reason,
    actions: [
      { type: "set-traffic", release: state.release, split: CHAMPION_ONLY, from: observed.value, reason },
      { type: "write-state", state: next },
      { type: "append-audit", record: draft(state, at, input.actor, { event: "reconcile", decision: "rollback", reason, code: "reconcile-restore", splitBefore: observed.value, splitAfter: CHAMPION_ONLY, provider: providerAnswer(observed) }) },
      { type: "notify", release: state.release, message: `Glidepath: ${state.release} ${reason}` }
    ],
    next
  };
}
function reconcile(input, observed) {
  const { state, policy } = input;
  const at = input.now.toISOString();
  const provider = providerAnswer(input.observed);
  const both = `the provider serves ${describeSplit(observed)}, the rollout recorded ${describeSplit(state.split)}`;
  if (state.phase === "paused" || state.phase === "frozen") {
    return holdPlan(input, { decision: "hold", code: "out-of-band", reason: `${both}; no automatic change while ${state.phase}` }, "reconcile", void 0, { observed, recorded: state.split });
  }
  const target2 = targetIndex(state, policy);
  if (target2 !== void 0 && sameSplit(observed, splitForStage(stageAt(policy, target2)))) {
    const stage = stageAt(policy, target2);
    const reason2 = `${both}, which is ${stage.name}'s split: an earlier run moved traffic and stopped before recording it; adopted, ${stage.name}'s bake time starts now`;
    const next2 = recorded(enterStage(state, policy, target2, observed, at), "advance", reason2, "reconcile-adopt", at);
    return {
      decision: "advance",
      reason: reason2,
      actions: [
        { type: "write-state", state: next2 },
        { type: "append-audit", record: draft(state, at, input.actor, { event: "reconcile", decision: "advance", reason: reason2, code: "reconcile-adopt", splitBefore: state.split, splitAfter: observed, provider, details: { adoptedStage: stage.name } }) },
        commentAction(state.release, `now at ${stage.name} (${describeSplit(observed)})`, reason2)
      ],
      next: next2
    };
  }
  if (exposure(observed) < exposure(state.split)) {
    const reason2 = `${both}: someone (or an interrupted rollback) reduced the challenger's traffic; Glidepath does not re-expose users on its own, so the rollout is paused. Roll back with \`glidepath rollback --release ${state.release}\`, or resume at ${state.stage} with \`glidepath approve --release ${state.release}\``;
    const reduced = {
      ...inPhase(state, "paused", reason2),
      split: observed,
      history: [...closeHistory(state, at), { stage: state.stage, index: state.stageIndex, split: observed, from: at }]
    };
    const next2 = recorded(reduced, "pause", reason2, "reconcile-reduced", at);
    return {
      decision: "pause",
      reason: reason2,
      actions: [
        { type: "write-state", state: next2 },
        { type: "append-audit", record: draft(state, at, input.actor, { event: "reconcile", decision: "pause", reason: reason2, code: "reconcile-reduced", splitBefore: state.split, splitAfter: observed, provider }) },
        commentAction(state.release, "paused: traffic was changed outside Glidepath", reason2),
        { type: "notify", release: state.release, message: `Glidepath paused ${state.release}: ${both}` }
      ],
      next: next2
    };
  }
  const reason = `${both}: changed outside Glidepath; setting the recorded split back`;
  const next = recorded(state, "hold", reason, "reconcile-restore", at);
  return {
    decision: "hold",
    reason,
    actions: [
      { type: "set-traffic", release: state.release, split: state.split, from: observed, reason },
      { type: "write-state", state: next },
      { type: "append-audit", record: draft(state, at, input.actor, { event: "reconcile", decision: "hold", reason, code: "reconcile-restore", splitBefore: observed, splitAfter: state.split, provider }) },
      { type: "notify", release: state.release, message: `Glidepath: ${state.release} ${reason}` }
    ],
    next
  };
}
function evidence(input, facts) {
  return {
    ...input.judgement ? { judgement: input.judgement } : {},
    ...input.metrics ? { inputs: summariseInputs(input.metrics) } : {},
    ...facts ? { facts } : {},
    provider: providerAnswer(input.observed)
  };
}
function holdPlan(input, decided, event, facts, details) {
  const { state } = input;
  const last = state.lastDecision;
  const repeat = last !== void 0 && last.decision === decided.decision && last.code === decided.code;
  const heartbeat = input.heartbeatMs ?? HOLD_HEARTBEAT_MS;
  if (repeat && input.now.getTime() - Date.parse(last.at) < heartbeat) {
    return { decision: decided.decision, reason: decided.reason, actions: [], next: state };
  }
  const at = input.now.toISOString();
  const next = recorded(state, decided.decision, decided.reason, decided.code, at);
  const allDetails = { ...details ?? {}, ...repeat ? { heartbeat: true } : {} };
  const actions = [
    { type: "write-state", state: next },
    {
      type: "append-audit",
      record: draft(state, at, input.actor, {
        event,
        decision: decided.decision,
        reason: decided.reason,
        code: decided.code,
        ...evidence(input, facts),
        ...Object.keys(allDetails).length > 0 ? { details: allDetails } : {}
      })
    }
  ];
  if (decided.code === "awaiting-approval" && !repeat) {
    const stage = facts?.approval?.stage;
    actions.push(commentAction(state.release, `waiting for approval${stage ? ` before ${stage}` : ""}`, decided.reason, `To approve, ${approveHint(state.release, stage)}.`));
  }
  return { decision: decided.decision, reason: decided.reason, actions, next };
}
function applyDecision(input, facts, decided) {
  const { state } = input;
  const at = input.now.toISOString();
  switch (decided.decision) {
    case "hold":
    case "extend":
      return holdPlan(input, decided, "decision", facts);
    case "pause":
    case "freeze": {
      const phase = decided.decision === "pause" ? "paused" : "frozen";
      const next = recorded(inPhase(state, phase, decided.reason), decided.decision, decided.reason, decided.code, at);
      const resume = phase === "paused" ? approveHint(state.release) : `${approveHint(state.release)} with a reason`;
      return {
        decision: decided.decision,
        reason: decided.reason,
        actions: [
          { type: "write-state", state: next },
          { type: "append-audit", record: draft(state, at, input.actor, { event: decided.decision, decision: decided.decision, reason: decided.reason, code: decided.code, ...evidence(input, facts) }) },
          commentAction(state.release, `${phase} at ${state.stage} (${describeSplit(state.split)})`, decided.reason, `Traffic stays where it is; rollback criteria are still checked. To resume, ${resume}; to restore the champion, run \`glidepath rollback --release ${state.release}\`.`),
          checkAction(state.release, "neutral", `${phase[0]?.toUpperCase()}${phase.slice(1)} at ${state.stage}`, decided.reason),
          { type: "notify", release: state.release, message: `Glidepath ${phase} ${state.release} at ${state.stage}: ${decided.reason}` }
        ],
        next
      };
    }
    case "complete": {
      const next = recorded({ ...inPhase(state, "complete", decided.reason), history: closeHistory(state, at) }, "complete", decided.reason, decided.code, at);
      return {
        decision: "complete",
        reason: decided.reason,
        actions: [
          { type: "write-state", state: next },
          { type: "append-audit", record: draft(state, at, input.actor, { event: "complete", decision: "complete", reason: decided.reason, code: decided.code, ...evidence(input, facts) }) },
          commentAction(state.release, "complete: the challenger is the new champion", decided.reason),
          checkAction(state.release, "success", "Rollout complete", decided.reason)
        ],
        next
      };
    }
    case "advance":
      return advancePlan(input, facts, decided);
    case "rollback":
      throw new Error("applyDecision: rollback must be planned by buildRollbackPlan");
  }
}
function advancePlan(input, facts, decided) {
  const { state, policy } = input;
  const at = input.now.toISOString();
  const record = (fields) => ({
    type: "append-audit",
    record: draft(state, at, input.actor, { event: "decision", decision: "advance", reason: decided.reason, code: decided.code, ...evidence(input, facts), ...fields })
  });
  if (decided.code === "enter-watch") {
    const next2 = recorded({ ...state, phase: "watching", watchStartedAt: at }, "advance", decided.reason, decided.code, at);
    return {
      decision: "advance",
      reason: decided.reason,
      actions: [{ type: "write-state", state: next2 }, record({}), commentAction(state.release, `watching at ${state.stage} (${describeSplit(state.split)})`, decided.reason)],
      next: next2
    };
  }
  const target2 = targetIndex(state, policy);
  if (target2 === void 0) throw new Error(`advancePlan: ${state.release} has no stage after ${state.stage}`);
  const stage = stageAt(policy, target2);
  const split = splitForStage(stage);
  const next = recorded(enterStage(state, policy, target2, split, at), "advance", decided.reason, decided.code, at);
  return {
    decision: "advance",
    reason: decided.reason,
    actions: [
      { type: "set-traffic", release: state.release, split, from: state.split, reason: `advance to ${stage.name}` },
      { type: "write-state", state: next },
      record({ splitBefore: state.split, splitAfter: split, details: { toStage: stage.name } }),
      commentAction(state.release, `${state.phase === "pending" ? "started" : "advanced"}: ${stage.name} (${describeSplit(split)})`, decided.reason),
      checkAction(state.release, "neutral", `Rolling out: ${stage.name}`, `${describeSplit(split)}. ${decided.reason}`)
    ],
    next
  };
}

// src/engine/judge.ts
async function judgeRollout(ctx, setup, state, now) {
  const { policy, config } = setup;
  const stage = stageAt(policy, state.stageIndex);
  const needed = new Set([...(stage.gates ?? []).map((g) => policy.spec.gates?.[g]?.metric), ...policy.spec.rollback.map((c) => c.metric)].filter((m) => m !== void 0));
  if (needed.size === 0) return { judgement: void 0, metrics: void 0 };
  const definitions = config?.spec.metrics.definitions ?? [];
  const window = { start: new Date(Date.parse(state.stageStartedAt)), end: now };
  const result = await querySources(ctx, setup, stage.name, definitions.filter((d) => needed.has(d.name)), window);
  const tuneN = plannedArmSamples(stage, requestsPerHourOf(setup.release, config));
  const judgement = judgeStage({
    release: setup.name,
    policy,
    stage,
    metrics: definitions,
    result,
    ...state.split.mode === "traffic" ? { canaryWeight: state.split.weight } : {},
    ...tuneN !== void 0 ? { tuneN } : {}
  });
  return { judgement, metrics: result.ok ? result.snapshot : void 0 };
}
async function querySources(ctx, setup, stage, metrics, window) {
  const bySource = /* @__PURE__ */ new Map();
  for (const metric of metrics) bySource.set(metric.source, [...bySource.get(metric.source) ?? [], metric]);
  const sources = setup.config?.spec.metrics.sources ?? [];
  const answers = await Promise.all([...bySource].map(async ([name, wanted]) => {
    const source = sources.find((s) => s.name === name);
    if (!source) return { ok: false, error: `glidepath.yaml: metric ${wanted[0]?.name} names source ${name}, which spec.metrics.sources does not define` };
    const factory = ctx.metricsSources[source.type];
    if (!factory) return { ok: false, error: `glidepath.yaml: metrics source ${name} has type ${source.type}, which this Glidepath does not support` };
    try {
      return await factory(source, { root: ctx.root }).query({ release: setup.name, stage, metrics: wanted, window });
    } catch (error) {
      return { ok: false, error: `metrics source ${name} failed: ${error.message}` };
    }
  }));
  const failed = answers.filter((a) => !a.ok);
  if (failed.length > 0) return { ok: false, error: failed.map((f) => f.error).join("; ") };
  const snapshots = answers.map((a) => a.snapshot);
  const [first, ...rest] = snapshots;
  if (!first) return { ok: false, error: "no metrics source answered" };
  return { ok: true, snapshot: rest.reduce(mergeSnapshots, first) };
}
function mergeSnapshots(a, b) {
  return {
    ...a,
    arms: { control: { ...a.arms.control, ...b.arms.control }, canary: { ...a.arms.canary, ...b.arms.canary } },
    ...a.requests ?? b.requests ? { requests: a.requests ?? b.requests } : {},
    ...a.segments ?? b.segments ? { segments: { ...b.segments ?? {}, ...a.segments ?? {} } } : {}
  };
}

// src/engine/execute-plan.ts
import { performance } from "node:perf_hooks";

// src/engine/revert-change.ts
var import_yaml3 = __toESM(require_dist(), 1);
async function planRevertChange(scm, input) {
  const current = await scm.readFile(input.baseRef, input.file);
  if (current === void 0) return { files: [], method: "nothing-to-change" };
  if (input.sourceCommit) {
    const parent = await scm.resolveRef(`${input.sourceCommit}^`);
    const [atSource, before] = await Promise.all([
      scm.readFile(input.sourceCommit, input.file).catch(() => void 0),
      parent ? scm.readFile(parent, input.file) : Promise.resolve(void 0)
    ]);
    if (atSource === current && before !== void 0 && before !== current) {
      return { files: [{ path: input.file, content: before }], method: "restored-previous-version" };
    }
  }
  const swapped = swapChampionIn(current);
  if (swapped === void 0 || swapped === current) return { files: [], method: "nothing-to-change" };
  return { files: [{ path: input.file, content: swapped }], method: "champion-swapped-in" };
}
function swapChampionIn(text) {
  const doc = (0, import_yaml3.parseDocument)(text);
  if (doc.errors.length > 0) return void 0;
  const champion = doc.getIn(["spec", "champion"], true);
  if (!(0, import_yaml3.isNode)(champion)) return void 0;
  doc.setIn(["spec", "challenger"], champion.clone());
  return doc.toString();
}

// src/engine/execute-plan.ts
async function executePlan(ctx, input) {
  const { setup, plan } = input;
  if (plan.actions.length === 0) return { status: "nothing" };
  if (ctx.dryRun) return { status: "dry-run", actions: plan.actions };
  let actions = plan.actions;
  let decision = plan.decision;
  let reason = plan.reason;
  let providerFailure;
  const traffic2 = [];
  for (const action of actions.filter((a) => a.type === "set-traffic")) {
    const calledAt = performance.now();
    const answer = await setup.provider.apply(setup.target, action.split);
    const change = {
      requested: action.split,
      applyMs: round(performance.now() - calledAt),
      ...input.metricsAt !== void 0 ? { sinceMetricsMs: round(calledAt - input.metricsAt) } : {},
      ...answer.ok ? { readBack: answer.value } : { error: answer.error }
    };
    traffic2.push(change);
    if (plan.decision === "rollback" && answer.ok && change.sinceMetricsMs !== void 0) {
      ctx.logger.info(`${setup.name}: champion restored ${round(change.sinceMetricsMs + change.applyMs)} ms after the decision's inputs arrived (provider called after ${change.sinceMetricsMs} ms, answered in ${change.applyMs} ms)`);
    }
    const failure = !answer.ok ? answer.error : sameSplit(answer.value, action.split) ? void 0 : `it serves ${describeSplit(answer.value)} after the change`;
    if (failure !== void 0) {
      providerFailure = failure;
      ctx.logger.warn(`${setup.name}: the provider did not take ${describeSplit(action.split)}: ${failure}`);
      const replaced = planProviderFailure({
        state: input.previous,
        release: setup.name,
        bundleHash: input.previous?.bundleHash ?? setup.bundleHash,
        stage: input.previous?.stage ?? setup.policy.spec.stages[0]?.name ?? "",
        attempted: action.split,
        error: failure,
        now: ctx.clock.now(),
        actor: ctx.actor
      });
      actions = replaced.actions;
      decision = replaced.decision;
      reason = replaced.reason;
      break;
    }
  }
  const states = /* @__PURE__ */ new Map();
  const drafts = [];
  for (const action of actions) {
    if (action.type === "write-state") states.set(action.state.release, action.state);
    if (action.type === "append-audit") drafts.push(withTrafficEvidence(action.record, traffic2));
  }
  let sha;
  let records = [];
  if (states.size > 0 || drafts.length > 0) {
    const message = `${setup.name}: ${decision} \u2014 ${firstLine(reason)}

${reason}
`;
    const committed = await input.store.commit({ states: [...states.values()], records: drafts }, input.head, message);
    if (committed.status === "conflict") return { status: "conflict", actualHead: committed.actualHead, traffic: traffic2 };
    sha = committed.sha;
    records = committed.records;
  }
  const sealedHash = records.at(-1)?.hash ?? "";
  let revert;
  for (const planned of actions) {
    const action = fillAuditHash(planned, sealedHash);
    switch (action.type) {
      case "open-revert":
        revert = await openRevert(ctx, setup, action, input.previous?.bundleHash ?? setup.bundleHash);
        ctx.logger.info(`${setup.name}: revert ${revert.created ? "opened" : "already open"}: ${revert.url}`);
        break;
      case "comment":
        if (ctx.review && ctx.pullRequest) await ctx.review.upsertComment(ctx.pullRequest.number, `<!-- glidepath:rollout:${action.release} -->`, action.body);
        else ctx.logger.debug(`${setup.name}: comment: ${firstLine(action.body)}`);
        break;
      case "check":
        if (ctx.review && ctx.pullRequest) {
          await ctx.review.publishCheck({ name: `glidepath rollout: ${action.release}`, headSha: ctx.pullRequest.headSha, conclusion: action.conclusion, title: action.title, summary: action.summary, annotations: [] });
        } else ctx.logger.debug(`${setup.name}: check ${action.conclusion}: ${action.title}`);
        break;
      case "notify":
        ctx.logger.info(`notify: ${action.message}`);
        break;
      case "set-traffic":
      case "write-state":
      case "append-audit":
        break;
    }
  }
  return {
    status: "committed",
    sha,
    records,
    traffic: traffic2,
    decision,
    reason,
    ...providerFailure !== void 0 ? { providerFailure } : {},
    ...revert ? { revert } : {}
  };
}
function revertBranch(release, bundleHash2) {
  return `glidepath/revert/${release}-${bundleHash2.slice(0, 8)}`;
}
async function openRevert(ctx, setup, action, bundleHash2) {
  const change = await planRevertChange(ctx.scm, { file: setup.releaseFile, baseRef: ctx.baseBranch, ...action.sourceCommit ? { sourceCommit: action.sourceCommit } : {} });
  const result = await ctx.scm.openChangeRequest({
    branch: revertBranch(setup.name, bundleHash2),
    base: ctx.baseBranch,
    title: action.title,
    body: action.body,
    files: change.files
  });
  return { ...result, method: change.method };
}
function withTrafficEvidence(record, traffic2) {
  const last = traffic2.at(-1);
  if (!last || !last.readBack) return record;
  const timing2 = { providerApplyMs: last.applyMs, ...last.sinceMetricsMs !== void 0 ? { metricsToProviderCallMs: last.sinceMetricsMs } : {} };
  return { ...record, details: { ...record.details ?? {}, readBack: last.readBack, timing: timing2 } };
}
function firstLine(text) {
  const line2 = text.split("\n")[0] ?? "";
  return line2.length > 100 ? `${line2.slice(0, 99)}\u2026` : line2;
}
function round(ms) {
  return Math.round(ms * 1e3) / 1e3;
}

// src/engine/retry-on-conflict.ts
async function planAndCommit(ctx, store, setup, makePlan, initial) {
  const max = ctx.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    const snapshot = attempt === 1 && initial ? initial : await store.load();
    const previous = snapshot.states.get(setup.name);
    const planned = await makePlan(snapshot, previous, attempt);
    if ("refused" in planned) return outcomeOf2(setup.name, previous, { decision: "refused", reason: planned.refused, actions: [] }, attempt);
    if ("error" in planned) return outcomeOf2(setup.name, previous, { decision: "error", reason: planned.error, actions: [] }, attempt);
    const { plan } = planned;
    const execution = await executePlan(ctx, {
      setup,
      previous,
      plan,
      head: snapshot.head,
      store,
      ...planned.metricsAt !== void 0 ? { metricsAt: planned.metricsAt } : {}
    });
    if (execution.status === "conflict") {
      if (attempt < max) {
        ctx.logger.debug(`${setup.name}: the state branch moved (attempt ${attempt} of ${max}); re-reading and re-planning`);
        await (ctx.sleep ?? defaultSleep)(retryDelay(attempt, ctx.random ?? Math.random));
        continue;
      }
      const reason = `the state branch kept moving: ${max} attempts lost the compare-and-swap; the next run will try again`;
      return { ...outcomeOf2(setup.name, previous, { decision: "error", reason, actions: plan.actions }, attempt), execution };
    }
    if (execution.status === "committed") {
      const after = execution.providerFailure !== void 0 ? previous : plan.next ?? previous;
      return { ...outcomeOf2(setup.name, after, { decision: execution.decision, reason: execution.reason, actions: plan.actions }, attempt), committed: execution.sha !== void 0, execution };
    }
    const shown = execution.status === "dry-run" ? plan.next ?? previous : previous;
    return { ...outcomeOf2(setup.name, shown, plan, attempt), execution };
  }
}
function outcomeOf2(release, state, plan, attempts) {
  return {
    release,
    stage: state?.stage ?? "\u2013",
    split: state?.split ?? { mode: "off", weight: 0 },
    phase: state?.phase ?? "pending",
    decision: plan.decision,
    reason: plan.reason,
    actions: plan.actions,
    committed: false,
    attempts
  };
}
function errorOutcome(release, reason, state) {
  return outcomeOf2(release, state, { decision: "error", reason, actions: [] }, 0);
}

// src/core/rollout/bundle-hash.ts
function bundleHash(bundle, promptText, sha2562) {
  return sha2562(canonicalJson({
    model: bundle.model,
    promptSha256: promptText === void 0 ? null : sha2562(promptText),
    parameters: bundle.parameters ?? {},
    tools: bundle.tools ?? []
  }));
}

// src/engine/workspace.ts
async function loadWorkspace(root) {
  const snapshot = await readRepositoryFromDisk(root);
  const { repository, problems } = loadRepository(snapshot);
  return { repository, problems };
}
function resolveRollout(ctx, workspace, name) {
  const { repository } = workspace;
  const releaseDoc = repository.releases.get(name);
  if (!releaseDoc) return { error: `release ${name}: no releases/*.yaml with metadata.name ${name} loads cleanly${problemsFor(workspace, "releases/")}` };
  const release = releaseDoc.value;
  const policyDoc = repository.policies.get(release.spec.policy);
  if (!policyDoc) return { error: `${releaseDoc.file}: spec.policy names ${release.spec.policy}, but no policies/*.yaml with that name loads cleanly${problemsFor(workspace, "policies/")}` };
  const config = repository.config?.value;
  if (!config) return { error: `glidepath.yaml is missing or does not load, so release ${name} has no provider${problemsFor(workspace, "glidepath.yaml")}` };
  const providerConfig = config.spec.providers.find((p) => p.name === release.spec.target.provider);
  if (!providerConfig) {
    return { error: `${releaseDoc.file}: spec.target.provider names ${release.spec.target.provider}, but glidepath.yaml has no provider with that name (it has ${config.spec.providers.map((p) => p.name).join(", ")})` };
  }
  const factory = ctx.providers[providerConfig.type];
  if (!factory) return { error: `glidepath.yaml: provider ${providerConfig.name} has type ${providerConfig.type}, which this Glidepath does not support (it supports ${Object.keys(ctx.providers).join(", ")})` };
  const provider = factory(providerConfig, { root: ctx.root });
  const target2 = { release: name, key: release.spec.target.key, champion: release.spec.champion, challenger: release.spec.challenger };
  const promptPath = release.spec.challenger.prompt;
  const promptText = promptPath === void 0 ? void 0 : repository.files.get(promptPath);
  if (promptPath !== void 0 && promptText === void 0) {
    return { error: `${releaseDoc.file}: spec.challenger.prompt names ${promptPath}, which cannot be read; its content is part of the bundle hash the audit records` };
  }
  return {
    name,
    release,
    releaseFile: releaseDoc.file,
    policy: policyDoc.value,
    config,
    providerConfig,
    provider,
    target: target2,
    bundleHash: bundleHash(release.spec.challenger, promptText, ctx.sha256)
  };
}
function problemsFor(workspace, prefix) {
  const relevant = workspace.problems.filter((p) => p.severity === "error" && p.file.startsWith(prefix)).slice(0, 3);
  return relevant.length === 0 ? "" : `:
  ${relevant.map(formatProblem).join("\n  ")}`;
}

// src/engine/run-tick.ts
function stateStoreFor(ctx, workspace) {
  return createStateStore(ctx.scm, { branch: workspace.repository.config?.value.spec.stateBranch ?? DEFAULT_STATE_BRANCH, sha256: ctx.sha256 });
}
async function runTick(ctx, options = {}) {
  const workspace = options.workspace ?? await loadWorkspace(ctx.root);
  const store = stateStoreFor(ctx, workspace);
  const snapshot = await store.load();
  const names = options.release !== void 0 ? [options.release] : [...snapshot.states.keys()].sort();
  const outcomes = [];
  let current = snapshot;
  for (const name of names) {
    const state = snapshot.states.get(name);
    if (!state) {
      outcomes.push(errorOutcome(name, `${name} has no rollout on ${store.branch}; start one with \`glidepath start --release ${name}\``));
      continue;
    }
    if (state.phase === "complete" && options.release === void 0) continue;
    const setup = resolveRollout(ctx, workspace, name);
    if ("error" in setup) {
      outcomes.push(errorOutcome(name, setup.error, state));
      continue;
    }
    const outcome = await tickRelease(ctx, store, setup, current);
    if (outcome.committed || outcome.execution?.status === "conflict") current = void 0;
    outcomes.push(outcome);
  }
  return { outcomes, failed: outcomes.some(isFailure) };
}
function isFailure(outcome) {
  return outcome.decision === "error" || outcome.execution?.status === "committed" && outcome.execution.providerFailure !== void 0;
}
async function tickRelease(ctx, store, setup, initial) {
  const judged = /* @__PURE__ */ new Map();
  return planAndCommit(ctx, store, setup, async (_snapshot, state) => {
    if (!state) return { error: `${setup.name} has no rollout on ${store.branch}` };
    const observed = await setup.provider.read(setup.target);
    const now = ctx.clock.now();
    const key2 = `${state.stage}|${state.stageStartedAt}|${state.phase}`;
    let judgement = judged.get(key2);
    if (!judgement) {
      try {
        const result = needsJudgement(state) ? await judgeRollout(ctx, setup, state, now) : { judgement: void 0, metrics: void 0 };
        judgement = { ...result, at: performance2.now() };
      } catch (error) {
        if (error instanceof GateConfigError) return { error: error.message };
        throw error;
      }
      judged.set(key2, judgement);
    }
    const plan = planTick({
      release: setup.release,
      policy: setup.policy,
      config: setup.config,
      state,
      observed,
      judgement: judgement.judgement,
      ...judgement.metrics ? { metrics: judgement.metrics } : {},
      now,
      actor: ctx.actor
    });
    return { plan, metricsAt: judgement.at };
  }, initial);
}
function needsJudgement(state) {
  return state.phase === "progressing" || state.phase === "watching" || state.phase === "paused" || state.phase === "frozen";
}
function formatOutcome(outcome) {
  return `${outcome.release}  ${outcome.stage}  ${describeSplit(outcome.split)}  ${outcome.decision}  ${outcome.reason}`;
}

// src/engine/evaluate-live.ts
var FAILING = /* @__PURE__ */ new Set(["rollback", "pause", "freeze", "error"]);
async function evaluateLive(ctx, options = {}) {
  const engine = await engineForCommand(ctx, { actor: botActor(), ...options.scm ? { scm: options.scm } : {} });
  const workspace = await loadWorkspace(ctx.root);
  const report = await runTick(engine, { workspace, ...options.release !== void 0 ? { release: options.release } : {} });
  if (report.outcomes.length === 0) ctx.print("No active rollouts.");
  for (const outcome of report.outcomes) {
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
  }
  const states = [...(await stateStoreFor(engine, workspace).load()).states.values()];
  const failed = report.failed || report.outcomes.some((o) => FAILING.has(o.decision));
  return {
    exitCode: failed ? 1 : 0,
    outputs: { decisions: JSON.stringify(Object.fromEntries(report.outcomes.map((o) => [o.release, o.decision]))) },
    summary: renderStatus(states, engine.clock.now(), "md")
  };
}

// src/commands/evaluate.ts
var FORMATS2 = ["text", "json"];
var FAILING_DECISIONS = /* @__PURE__ */ new Set(["rollback", "pause", "freeze"]);
function readOptions(ctx) {
  const text = (name) => {
    const value = ctx.options[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : void 0;
  };
  const format = String(ctx.options["format"] ?? "text");
  if (!FORMATS2.includes(format)) throw new UsageError(`--format is '${format}'; use one of: ${FORMATS2.join(", ")}`);
  const nowText = text("now");
  let now;
  if (nowText !== void 0) {
    now = new Date(nowText);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(nowText) || Number.isNaN(now.getTime())) throw new UsageError(`--now is '${nowText}'; give an ISO time such as 2026-11-20T11:00:00Z`);
  }
  return { release: text("release"), metricsFile: text("metrics-file"), stage: text("stage"), now, format };
}
var evaluateCommand = {
  name: "evaluate",
  summary: "One tick for every active rollout: judge the gates, then advance, hold or roll back (offline with --metrics-file)",
  usage: "[--release NAME] [--dry-run] [--root DIR]\n       glidepath evaluate --release NAME --metrics-file FILE [--stage NAME] [--now ISO-TIME] [--dry-run] [--format text|json]",
  options: {
    release: { type: "string" },
    "metrics-file": { type: "string" },
    stage: { type: "string" },
    now: { type: "string" },
    "dry-run": { type: "boolean", default: false }
  },
  async run(ctx) {
    const options = readOptions(ctx);
    if (options.metricsFile !== void 0) return evaluateOffline(ctx, options);
    if (options.now !== void 0) throw new UsageError("--now applies to an offline evaluation (with --metrics-file); a live tick runs at the current time");
    return evaluateLive(ctx, options.release !== void 0 ? { release: options.release } : {});
  }
};
async function evaluateOffline(ctx, options) {
  if (options.release === void 0) throw new UsageError("--release NAME is required with --metrics-file: which release the metrics are for");
  let snapshot;
  try {
    snapshot = await readRepositoryFromDisk(ctx.root);
  } catch (error) {
    if (error instanceof RepositoryRootError) throw new UsageError(error.message);
    throw error;
  }
  const { repository } = loadRepository(snapshot);
  const release = findRelease(repository, options.release);
  const policy = findPolicy(repository, release);
  const stage = findStage(policy.value, options.stage);
  const metrics = repository.config?.value.spec.metrics.definitions ?? [];
  if (metrics.length === 0) {
    ctx.logger.warn("glidepath.yaml defines no metrics (or does not load: run glidepath validate), so every gate lacks a definition");
  }
  const metricsFile = options.metricsFile;
  const result = await readMetricsFile(resolve4(metricsFile), { display: metricsFile, stage: stage.name, metrics });
  const requestsPerHour = release.value.spec.traffic?.requestsPerHour ?? repository.config?.value.spec.traffic?.requestsPerHour;
  const tuneN = plannedArmSamples(stage, requestsPerHour);
  const at = (options.now ?? ctx.clock.now()).toISOString();
  if (result.ok && Date.parse(result.snapshot.window.end) > Date.parse(at)) {
    ctx.logger.warn(`the metrics window ends at ${result.snapshot.window.end}, after the evaluation time ${at}`);
  }
  let judgement;
  try {
    judgement = judgeStage({ release: release.value.metadata.name, policy: policy.value, stage, metrics, result, ...tuneN === void 0 ? {} : { tuneN } });
  } catch (error) {
    if (!(error instanceof GateConfigError)) throw error;
    ctx.logger.warn(`${policy.file}: ${error.message} (run glidepath validate)`);
    return { exitCode: 1 };
  }
  const decision = decideFromJudgement(policy.value, judgement);
  const report = buildEvaluationReport({
    judgement,
    decision,
    policy: policy.value.metadata.name,
    at,
    window: result.ok ? result.snapshot.window : void 0,
    metricsFile
  });
  ctx.print(options.format === "json" ? JSON.stringify(report, null, 2) : renderEvaluationText(report, metrics));
  return {
    exitCode: FAILING_DECISIONS.has(decision.decision) ? 1 : 0,
    outputs: { decision: decision.decision, outcome: judgement.outcome, stage: stage.name }
  };
}
function findRelease(repository, name) {
  const release = repository.releases.get(name);
  if (release) return release;
  const names = [...repository.releases.keys()].sort();
  const hint = didYouMean(name, names);
  throw new UsageError(
    `no release named '${name}'${hint ? ` \u2014 ${hint}` : ""}. ${names.length > 0 ? `Releases: ${names.join(", ")}` : "The repository has no loadable releases"} (a release whose file has schema errors is not loaded: run glidepath validate)`
  );
}
function findPolicy(repository, release) {
  const name = release.value.spec.policy;
  const policy = repository.policies.get(name);
  if (policy) return policy;
  const position = release.locate(["spec", "policy"]);
  throw new UsageError(`${position.file}:${position.line}:${position.col}: release ${release.value.metadata.name} follows policy '${name}', which does not load (missing or invalid: run glidepath validate)`);
}
function findStage(policy, name) {
  const stages = policy.spec.stages;
  if (name === void 0) return stages.find((s) => (s.gates ?? []).length > 0) ?? stages[0];
  const stage = stages.find((s) => s.name === name);
  if (stage) return stage;
  const names = stages.map((s) => s.name);
  const hint = didYouMean(name, names);
  throw new UsageError(`policy ${policy.metadata.name} has no stage '${name}'${hint ? ` \u2014 ${hint}` : ""}. Stages: ${names.join(", ")}`);
}

// src/engine/run-start.ts
async function runStart(ctx, options = {}) {
  const workspace = options.workspace ?? await loadWorkspace(ctx.root);
  const head = options.head ?? "HEAD";
  const sourceCommit = await ctx.scm.resolveRef(head);
  let names;
  if (options.release !== void 0) {
    names = [options.release];
  } else {
    const base = options.base ?? `${head}~1`;
    if (!await ctx.scm.resolveRef(base)) {
      return { releases: [], outcomes: [errorOutcome("*", `the merge's base ${base} does not exist (a repository with one commit?); name the release with --release, or the range with --base and --head`)], failed: true };
    }
    const changed = new Set(await ctx.scm.changedFiles(base, head));
    names = [...workspace.repository.releases.values()].filter((doc) => changed.has(doc.file) || doc.value.spec.challenger.prompt !== void 0 && changed.has(doc.value.spec.challenger.prompt)).map((doc) => doc.value.metadata.name).sort();
  }
  const store = stateStoreFor(ctx, workspace);
  const outcomes = [];
  for (const name of names) {
    const setup = resolveRollout(ctx, workspace, name);
    if ("error" in setup) {
      outcomes.push(errorOutcome(name, setup.error));
      continue;
    }
    outcomes.push(await planAndCommit(ctx, store, setup, async (_snapshot, previous) => {
      const planned = planStart({
        release: setup.release,
        policy: setup.policy,
        config: setup.config,
        previous,
        bundleHash: setup.bundleHash,
        ...sourceCommit ? { sourceCommit } : {},
        now: ctx.clock.now(),
        actor: ctx.actor
      });
      return "refused" in planned ? { refused: planned.refused } : { plan: planned };
    }));
  }
  return { releases: names, outcomes, failed: outcomes.some((o) => isFailure(o) || o.decision === "refused") };
}

// src/commands/start.ts
var startCommand = {
  name: "start",
  summary: "Begin rollouts for the releases a merge changed (each at its first stage)",
  usage: "[--release NAME] [--base REF --head REF] [--dry-run] [--base-branch BRANCH] [--root DIR]\n\n  --release NAME        start this release whether or not the merge changed it\n  --base REF, --head REF the merge to read changed releases from (default HEAD~1..HEAD)\n  --dry-run             print the planned actions; change neither traffic nor git\n  --base-branch BRANCH  the branch rollouts start from (default: the checked-out branch)",
  options: { release: { type: "string" }, base: { type: "string" }, head: { type: "string" }, ...engineOptions },
  async run(ctx) {
    const release = stringOption(ctx, "release");
    const base = stringOption(ctx, "base");
    const head = stringOption(ctx, "head");
    if (release !== void 0 && (base !== void 0 || head !== void 0)) throw new UsageError("--release names the release; --base and --head find changed releases: use one or the other");
    const engine = await engineForCommand(ctx, { actor: botActor() });
    const report = await runStart(engine, { ...release !== void 0 ? { release } : {}, ...base !== void 0 ? { base } : {}, ...head !== void 0 ? { head } : {} });
    if (report.outcomes.length === 0) ctx.print("No release changed: nothing to start.");
    for (const outcome of report.outcomes) {
      ctx.print(formatOutcome(outcome));
      if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    }
    return { exitCode: report.failed ? 1 : 0, outputs: { started: report.outcomes.filter((o) => o.committed).map((o) => o.release).join(",") } };
  }
};

// src/engine/run-watch.ts
async function runWatch(ctx, options) {
  const sleep = ctx.sleep ?? defaultSleep;
  const started = ctx.clock.now().getTime();
  let failed = false;
  for (let tick = 1; ; tick += 1) {
    const report = await runTick(ctx, options.release !== void 0 ? { release: options.release } : {});
    failed ||= report.failed;
    options.onTick?.(report, tick);
    const active = report.outcomes.filter((o) => o.decision !== "error" && !isTerminal(o.phase));
    if (active.length === 0 && !report.outcomes.some((o) => o.decision === "error")) return { ticks: tick, failed, ended: "no-active-rollouts" };
    if (ctx.clock.now().getTime() - started + options.intervalMs > options.durationMs) return { ticks: tick, failed, ended: "duration" };
    await sleep(options.intervalMs);
  }
}

// src/commands/watch.ts
var DEFAULT_DURATION = "5h50m";
var watchCommand = {
  name: "watch",
  summary: "Evaluate every active rollout in a loop, printing one line per rollout per tick",
  usage: `[--interval SECONDS] [--duration DURATION] [--release NAME] [--dry-run] [--root DIR]

  --interval SECONDS   time between ticks (default 60)
  --duration DURATION  stop after this long, such as 50m or 2h (default ${DEFAULT_DURATION}); also stops when no rollout is left running
  --release NAME       watch only this release
  --dry-run            print the plans; change neither traffic nor git`,
  options: { interval: { type: "string" }, duration: { type: "string" }, release: { type: "string" }, ...engineOptions },
  async run(ctx) {
    const intervalText = stringOption(ctx, "interval") ?? "60";
    const seconds = Number(intervalText);
    if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--interval is '${intervalText}'; give the seconds between ticks, such as 60`);
    const durationText = stringOption(ctx, "duration") ?? DEFAULT_DURATION;
    const durationMs2 = parseDuration(durationText);
    if (durationMs2 === void 0) throw new UsageError(`--duration is '${durationText}'; give a duration such as 50m, 2h or 1h30m`);
    const release = stringOption(ctx, "release");
    const engine = await engineForCommand(ctx, { actor: botActor() });
    const report = await runWatch(engine, {
      intervalMs: Math.round(seconds * 1e3),
      durationMs: durationMs2,
      ...release !== void 0 ? { release } : {},
      onTick: (tick, n) => {
        const at = engine.clock.now().toISOString();
        if (tick.outcomes.length === 0) ctx.print(`[${at}] tick ${n}: no active rollouts`);
        for (const outcome of tick.outcomes) ctx.print(`[${at}] tick ${n}: ${formatOutcome(outcome)}`);
      }
    });
    ctx.print(`watch ended after ${report.ticks} tick${report.ticks === 1 ? "" : "s"}: ${report.ended === "duration" ? `--duration ${durationText} reached` : "no rollout is left running"}`);
    return { exitCode: report.failed ? 1 : 0, outputs: { ticks: String(report.ticks) } };
  }
};

// src/engine/run-rollback.ts
import { performance as performance3 } from "node:perf_hooks";
async function runRollback(ctx, options) {
  const workspace = options.workspace ?? await loadWorkspace(ctx.root);
  const store = stateStoreFor(ctx, workspace);
  const prepared = await prepareRecorded(ctx, store, workspace, options.release);
  if ("error" in prepared) return errorOutcome(options.release, prepared.error, prepared.state);
  const { setup } = prepared;
  return planAndCommit(ctx, store, setup, async (_snapshot, state) => {
    if (!state) return { refused: `${setup.name} has no rollout on ${store.branch}; there is nothing to roll back` };
    const requestsPerHour = requestsPerHourOf(setup.release, setup.config);
    const plan = planRollback({
      release: setup.release,
      policy: setup.policy,
      state,
      now: ctx.clock.now(),
      actor: ctx.actor,
      reason: options.reason,
      trigger: "manual",
      ...requestsPerHour !== void 0 ? { requestsPerHour } : {}
    });
    return { plan, metricsAt: performance3.now() };
  });
}
async function prepareRecorded(ctx, store, workspace, name) {
  const state = (await store.load()).states.get(name);
  const here = resolveRollout(ctx, workspace, name);
  if (!("error" in here)) return { setup: here, state };
  if (!state?.sourceCommit) return { error: here.error, ...state ? { state } : {} };
  const recorded2 = loadRepository(await readRepositoryAt(ctx.scm, state.sourceCommit));
  const there = resolveRollout(ctx, { repository: recorded2.repository, problems: recorded2.problems }, name);
  if ("error" in there) return { error: here.error, state };
  ctx.logger.warn(`${here.error}
using the Glidepath files of ${state.sourceCommit.slice(0, 12)}, the commit the rollout started from`);
  return { setup: there, state };
}

// src/commands/rollback.ts
var rollbackCommand = {
  name: "rollback",
  summary: "Restore the champion now, record who and why, and open a revert branch with the evidence",
  usage: "--release NAME --reason TEXT [--by LOGIN] [--dry-run] [--root DIR]\n\n  --release NAME  the release to roll back\n  --reason TEXT   why, for the audit log and the revert\n  --by LOGIN      who is rolling back (default: the GitHub actor, else $USER)\n  --dry-run       print the planned actions; change neither traffic nor git",
  options: { release: { type: "string" }, reason: { type: "string" }, by: { type: "string" }, ...engineOptions },
  async run(ctx) {
    const release = requireOption(ctx, "release", "name the release to roll back");
    const reason = requireOption(ctx, "reason", "say why, for the audit log and the revert");
    const engine = await engineForCommand(ctx, { actor: personActor(ctx) });
    const outcome = await runRollback(engine, { release, reason });
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    const execution = outcome.execution;
    if (execution?.status === "committed") {
      const timing2 = execution.traffic[0];
      if (timing2?.sinceMetricsMs !== void 0) ctx.print(`champion restored: ${timing2.sinceMetricsMs + timing2.applyMs} ms from the decision to the provider's read-back`);
      if (execution.revert) ctx.print(`revert: ${execution.revert.url}`);
    }
    const failed = isFailure(outcome) || outcome.decision === "refused";
    return { exitCode: failed ? 1 : 0, outputs: { decision: outcome.decision, ...execution?.status === "committed" && execution.revert ? { revert: execution.revert.url } : {} } };
  }
};

// src/engine/run-approve.ts
async function runApprove(ctx, options) {
  const workspace = options.workspace ?? await loadWorkspace(ctx.root);
  const setup = resolveRollout(ctx, workspace, options.release);
  if ("error" in setup) return errorOutcome(options.release, setup.error);
  const store = stateStoreFor(ctx, workspace);
  return planAndCommit(ctx, store, setup, async (_snapshot, state) => {
    if (!state) return { refused: `${setup.name} has no rollout on ${store.branch}; there is nothing to approve` };
    const planned = planApprove({
      release: setup.release,
      policy: setup.policy,
      config: setup.config,
      state,
      now: ctx.clock.now(),
      by: options.by,
      ...options.reason !== void 0 ? { reason: options.reason } : {},
      ...options.stage !== void 0 ? { stage: options.stage } : {},
      ...options.memberOf !== void 0 ? { memberOf: options.memberOf } : {}
    });
    return "refused" in planned ? { refused: planned.refused } : { plan: planned };
  });
}

// src/commands/approve.ts
var approveCommand = {
  name: "approve",
  summary: "Approve the next stage that needs it (or resume a paused rollout, or allow a restart)",
  usage: "--release NAME --by LOGIN [--stage NAME] [--reason TEXT] [--dry-run] [--root DIR]\n\n  --release NAME  the release to approve\n  --by LOGIN      who approves; must be among the policy's approvers (else glidepath.yaml's)\n  --stage NAME    the stage to approve (default: the next stage that needs an approval)\n  --reason TEXT   why, for the audit log (required to unfreeze)",
  options: { release: { type: "string" }, by: { type: "string" }, stage: { type: "string" }, reason: { type: "string" }, ...engineOptions },
  async run(ctx) {
    const release = requireOption(ctx, "release", "name the release to approve");
    const by = ctx.event?.actor !== void 0 && ctx.options["by"] === void 0 ? ctx.event.actor : requireOption(ctx, "by", "name the person approving (a GitHub login)");
    const engine = await engineForCommand(ctx, { actor: by });
    const stage = stringOption(ctx, "stage");
    const reason = stringOption(ctx, "reason");
    const outcome = await runApprove(engine, { release, by, ...stage !== void 0 ? { stage } : {}, ...reason !== void 0 ? { reason } : {} });
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    return { exitCode: isFailure(outcome) || outcome.decision === "refused" ? 1 : 0, outputs: { decision: outcome.decision } };
  }
};

// src/commands/status.ts
var FORMATS3 = ["text", "md", "json"];
var statusCommand = {
  name: "status",
  summary: "Every rollout at a glance: phase, stage, traffic, time in stage, last decision",
  usage: "[--format text|md|json] [--release NAME] [--root DIR]\n\n  --format text|md|json  aligned columns, a Markdown table, or the recorded states as JSON (default text)\n  --release NAME         only this release",
  options: { release: { type: "string" } },
  async run(ctx) {
    const asked = String(ctx.options["format"] ?? "text");
    const format = asked === "github" ? "md" : asked;
    if (!FORMATS3.includes(format)) throw new UsageError(`--format is '${asked}'; use one of: ${FORMATS3.join(", ")}`);
    const engine = await engineForCommand(ctx, { actor: botActor() });
    const workspace = await loadWorkspace(ctx.root);
    const store = stateStoreFor(engine, workspace);
    const snapshot = await store.load();
    const release = stringOption(ctx, "release");
    const states = [...snapshot.states.values()].filter((s) => release === void 0 || s.release === release).sort((a, b) => a.release.localeCompare(b.release));
    if (release !== void 0 && states.length === 0) {
      ctx.print(`${release} has no rollout on ${store.branch}.`);
      return { exitCode: 1 };
    }
    const now = engine.clock.now();
    const text = format === "json" ? `${JSON.stringify({ stateBranch: store.branch, head: snapshot.head, rollouts: states }, null, 2)}
` : renderStatus(states, now, format);
    ctx.print(text);
    return { exitCode: 0, outputs: { rollouts: String(states.length) }, summary: renderStatus(states, now, "md") };
  }
};

// src/engine/run-drill.ts
import { performance as performance4 } from "node:perf_hooks";
async function runDrill(ctx, options) {
  const workspace = options.workspace ?? await loadWorkspace(ctx.root);
  const store = stateStoreFor(ctx, workspace);
  const prepared = await prepareRecorded(ctx, store, workspace, options.release);
  const fail2 = (reason2, extra = {}) => ({ release: options.release, ok: false, reason: reason2, actions: [], ...extra });
  if ("error" in prepared) return fail2(prepared.error);
  const { setup, state } = prepared;
  if (!state) return fail2(`${setup.name} has no rollout on ${store.branch}; a drill needs a live rollout`);
  if (state.phase === "complete" || state.phase === "rolled-back") return fail2(`${setup.name} is ${state.phase}; a drill needs a live rollout`);
  if (sameSplit(state.split, CHAMPION_ONLY)) return fail2(`${setup.name} serves the champion only (${state.phase} at ${state.stage}); there is nothing to restore`);
  const observed = await setup.provider.read(setup.target);
  if (!observed.ok) return fail2(`the provider could not be read (${observed.error}); no drill while its state is unknown`);
  if (!sameSplit(observed.value, state.split)) {
    return fail2(`the provider serves ${describeSplit(observed.value)}, the rollout recorded ${describeSplit(state.split)}; run \`glidepath evaluate\` to reconcile before a drill`);
  }
  const decidedAt = performance4.now();
  const plan = planRollback({ release: setup.release, policy: setup.policy, state, now: ctx.clock.now(), actor: ctx.actor, reason: "rollback fire drill: restore the champion, time it, resume", trigger: "drill" });
  const planned = plan.actions.find((a) => a.type === "append-audit");
  const drillActions = [
    { type: "set-traffic", release: setup.name, split: CHAMPION_ONLY, from: state.split, reason: "drill: restore the champion" },
    { type: "set-traffic", release: setup.name, split: state.split, from: CHAMPION_ONLY, reason: "drill: resume the previous split" },
    ...planned ? [planned] : []
  ];
  if (ctx.dryRun) return { release: setup.name, ok: true, reason: "dry run: nothing changed", splitBefore: state.split, actions: drillActions };
  if (!planned) throw new Error("runDrill: the rollback plan has no audit record");
  const restore = await setup.provider.apply(setup.target, CHAMPION_ONLY);
  const restoredRead = restore.ok ? await setup.provider.read(setup.target) : restore;
  const restoredAt = performance4.now();
  const restored = restoredRead.ok && sameSplit(restoredRead.value, CHAMPION_ONLY);
  const resumeStart = performance4.now();
  const resume = await setup.provider.apply(setup.target, state.split);
  const resumedRead = resume.ok ? await setup.provider.read(setup.target) : resume;
  const resumeMs = round2(performance4.now() - resumeStart);
  const resumed = resumedRead.ok && sameSplit(resumedRead.value, state.split);
  const decisionToRestoredMs = round2(restoredAt - decidedAt);
  const answer = (r) => r.ok ? describeSplit(r.value) : `error: ${r.error}`;
  const ok = restored && resumed;
  const reason = ok ? `drill passed: champion restored and read back in ${decisionToRestoredMs} ms, ${describeSplit(state.split)} resumed in ${resumeMs} ms` : `drill FAILED: restore read back ${answer(restoredRead)}${restored ? "" : " (expected off)"}; resume read back ${answer(resumedRead)}${resumed ? "" : ` (expected ${describeSplit(state.split)})`}`;
  const record = {
    ...planned.record,
    reason,
    provider: restoredRead.ok ? { ok: true, split: restoredRead.value } : { ok: false, error: restoredRead.error },
    details: {
      ...planned.record.details ?? {},
      drill: {
        ok,
        decisionToRestoredMs,
        resumeMs,
        restored: restoredRead.ok ? restoredRead.value : { error: restoredRead.error },
        resumed: resumedRead.ok ? resumedRead.value : { error: resumedRead.error }
      }
    }
  };
  if (!resumed) ctx.logger.warn(`${setup.name}: the drill could not resume ${describeSplit(state.split)}; the next tick will find the difference and pause the rollout`);
  const max = ctx.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; attempt <= max; attempt += 1) {
    const head = (await store.load()).head;
    const committed = await store.commit({ states: [], records: [record] }, head, `${setup.name}: drill \u2014 ${ok ? "passed" : "FAILED"}

${reason}
`);
    if (committed.status === "committed") {
      return { release: setup.name, ok, reason, splitBefore: state.split, decisionToRestoredMs, resumeMs, actions: drillActions, ...committed.records[0] ? { record: committed.records[0] } : {} };
    }
    await (ctx.sleep ?? defaultSleep)(retryDelay(attempt, ctx.random ?? Math.random));
  }
  return fail2(`${reason}; but the drill record could not be committed: the state branch kept moving`, { splitBefore: state.split, decisionToRestoredMs, resumeMs });
}
function round2(ms) {
  return Math.round(ms * 1e3) / 1e3;
}

// src/commands/drill.ts
var drillCommand = {
  name: "drill",
  summary: "Rollback fire drill: restore the champion, time it, resume the split, record it",
  usage: "--release NAME [--by LOGIN] [--dry-run] [--root DIR]\n\n  --release NAME  a live rollout to drill (it serves the champion for a moment, then resumes)\n  --by LOGIN      who runs the drill (default: the GitHub actor, else $USER)\n  --dry-run       print what the drill would do",
  options: { release: { type: "string" }, by: { type: "string" }, ...engineOptions },
  async run(ctx) {
    const release = requireOption(ctx, "release", "name a live rollout to drill");
    const engine = await engineForCommand(ctx, { actor: personActor(ctx) });
    const report = await runDrill(engine, { release });
    ctx.print(`${release}: ${report.reason}`);
    if (engine.dryRun) report.actions.forEach((a, i) => ctx.print(`  ${i + 1}. ${describeAction(a)}`));
    if (report.record) ctx.print(`recorded: audit/${release}.jsonl seq ${report.record.seq} (${report.record.hash.slice(0, 12)}\u2026), split back at ${report.splitBefore ? describeSplit(report.splitBefore) : "?"}`);
    return {
      exitCode: report.ok ? 0 : 1,
      outputs: { ok: String(report.ok), ...report.decisionToRestoredMs !== void 0 ? { "restore-ms": String(report.decisionToRestoredMs) } : {} }
    };
  }
};

// src/core/audit/export.ts
function verdictRow2(kind, verdict) {
  const e = verdict.evidence;
  return {
    kind,
    name: verdict.segment ? `${verdict.gate} (${verdict.segment.attribute}=${verdict.segment.value})` : verdict.gate,
    metric: verdict.metric,
    verdict: verdict.verdict,
    ...e?.effect !== void 0 ? { effect: e.effect } : {},
    ...e?.interval !== void 0 ? { interval: e.interval } : {},
    ...e?.threshold !== void 0 ? { threshold: e.threshold } : {},
    ...e?.pValue !== void 0 ? { pValue: e.pValue } : {},
    ...e?.n !== void 0 ? { n: e.n } : {},
    reason: verdict.reason
  };
}
function traffic(record) {
  if (record.splitBefore && record.splitAfter) return `${describeSplit(record.splitBefore)} \u2192 ${describeSplit(record.splitAfter)}`;
  return void 0;
}
function buildReport(records, release, options) {
  const mine = records.filter((record) => record.release === release);
  const last = mine[mine.length - 1];
  const brief = (record) => ({ seq: record.seq, at: record.at, stage: record.stage, hash: record.hash });
  return {
    release,
    records: mine.length,
    ...mine[0] ? { firstSeq: mine[0].seq } : {},
    ...last ? { lastSeq: last.seq, headHash: last.hash } : {},
    bundles: [...new Set(mine.map((record) => record.bundleHash))],
    verification: options.verification ? { checked: true, ok: options.verification.ok, problems: options.verification.problems } : { checked: false, problems: [] },
    timeline: mine.map((record) => ({
      seq: record.seq,
      at: record.at,
      event: record.event,
      stage: record.stage,
      ...record.decision ? { decision: record.decision } : {},
      actor: record.actor,
      ...traffic(record) ? { traffic: traffic(record) } : {},
      reason: record.reason,
      hash: record.hash
    })),
    gates: mine.filter((record) => record.judgement).map((record) => {
      const judgement = record.judgement;
      return {
        seq: record.seq,
        at: record.at,
        stage: judgement.stage,
        outcome: judgement.outcome,
        reason: judgement.reason,
        samples: judgement.samples,
        verdicts: [...judgement.gates.map((v) => verdictRow2("gate", v)), ...judgement.rollback.map((v) => verdictRow2("rollback criterion", v))]
      };
    }),
    approvals: mine.filter((record) => record.event === "approval").map((record) => {
      const given = record.details?.["approval"] ?? {};
      return { ...brief(record), stage: given.stage ?? record.stage, kind: given.kind ?? "stage", by: given.by ?? record.actor, ...given.reason ? { reason: given.reason } : {} };
    }),
    rollbacks: mine.filter((record) => record.event === "rollback").map((record) => ({
      ...brief(record),
      trigger: String(record.details?.["trigger"] ?? "unknown"),
      actor: record.actor,
      reason: record.reason
    })),
    drills: mine.filter((record) => record.event === "drill").map((record) => ({ ...brief(record), actor: record.actor, reason: record.reason })),
    reconciliations: mine.filter((record) => record.event === "reconcile").map((record) => ({ ...brief(record), actor: record.actor, reason: record.reason }))
  };
}
function cell4(value) {
  if (value === void 0 || value === null || value === "") return "\u2013";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : "\u2013";
  return String(value).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function table3(head, rows, empty) {
  if (rows.length === 0) return [empty, ""];
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((row3) => `| ${row3.map(cell4).join(" | ")} |`), ""];
}
function shortHash(hash) {
  return `\`${hash.slice(0, 12)}\``;
}
function markdown(report) {
  const lines = [`# Compliance report: \`${report.release}\``, ""];
  if (report.records === 0) {
    lines.push("The audit log holds no record of this release.");
    return `${lines.join("\n")}
`;
  }
  lines.push(
    `${report.records} audit record(s), seq ${report.firstSeq}\u2013${report.lastSeq}; head record \`${report.headHash}\`.`,
    `Challenger bundle(s): ${report.bundles.map((hash) => `\`${hash}\``).join(", ")}.`,
    ""
  );
  if (!report.verification.checked) {
    lines.push("Hash chain: not verified by this export; run `glidepath audit verify`.", "");
  } else if (report.verification.ok) {
    lines.push("Hash chain: **verified** \u2014 every record matches its hash and links to the one before it.", "");
  } else {
    lines.push("Hash chain: **BROKEN**", "", ...report.verification.problems.map((p) => `- line ${p.line}${p.seq !== void 0 ? ` (seq ${p.seq})` : ""}: ${p.message}`), "");
  }
  lines.push("## Timeline", "", ...table3(
    ["seq", "time", "event", "stage", "decision", "actor", "traffic", "reason", "record"],
    report.timeline.map((r) => [r.seq, r.at, r.event, r.stage, r.decision, r.actor, r.traffic, r.reason, shortHash(r.hash)]),
    "No records."
  ));
  lines.push("## Gate verdicts", "");
  if (report.gates.length === 0) lines.push("No judgement was recorded.", "");
  for (const judged of report.gates) {
    lines.push(
      `### seq ${judged.seq} \xB7 ${judged.at} \xB7 ${judged.stage}: ${judged.outcome}`,
      "",
      `${judged.reason} (samples: control ${judged.samples.control}, canary ${judged.samples.canary})`,
      "",
      ...table3(
        ["kind", "name", "metric", "verdict", "effect", "interval", "threshold", "p", "n control / canary", "why"],
        judged.verdicts.map((v) => [v.kind, v.name, v.metric, v.verdict, v.effect, v.interval ? `[${cell4(v.interval[0])}, ${cell4(v.interval[1])}]` : void 0, v.threshold, v.pValue, v.n ? `${v.n.control} / ${v.n.canary}` : void 0, v.reason]),
        "No verdicts."
      )
    );
  }
  lines.push("## Approvals", "", ...table3(["seq", "time", "stage", "kind", "by", "reason", "record"], report.approvals.map((a) => [a.seq, a.at, a.stage, a.kind, a.by, a.reason, shortHash(a.hash)]), "No approvals."));
  lines.push("## Rollbacks", "", ...table3(["seq", "time", "stage", "trigger", "actor", "reason", "record"], report.rollbacks.map((r) => [r.seq, r.at, r.stage, r.trigger, r.actor, r.reason, shortHash(r.hash)]), "No rollbacks."));
  lines.push("## Rollback drills", "", ...table3(["seq", "time", "stage", "actor", "reason", "record"], report.drills.map((d) => [d.seq, d.at, d.stage, d.actor, d.reason, shortHash(d.hash)]), "No drills."));
  lines.push("## Reconciliations", "", ...table3(["seq", "time", "stage", "actor", "reason", "record"], report.reconciliations.map((r) => [r.seq, r.at, r.stage, r.actor, r.reason, shortHash(r.hash)]), "No provider errors or out-of-band traffic changes."));
  return `${lines.join("\n").trimEnd()}
`;
}
function exportCompliance(records, release, format, options = {}) {
  const report = buildReport(records, release, options);
  return format === "json" ? `${JSON.stringify(report, null, 2)}
` : markdown(report);
}

// src/core/audit/replay.ts
var PHASES = /* @__PURE__ */ new Set(["pending", "progressing", "watching", "complete", "rolled-back", "paused", "frozen"]);
function factsProblem(facts) {
  if (!PHASES.has(facts.phase)) return `unknown phase ${String(facts.phase)}`;
  for (const field of ["stageIndex", "stageCount", "elapsedMs", "minDurationMs", "watchMs"]) {
    if (typeof facts[field] !== "number" || !Number.isFinite(facts[field])) return `facts.${field} is not a number`;
  }
  if (typeof facts.rules !== "object" || facts.rules === null) return "facts.rules is missing";
  if (typeof facts.window !== "object" || facts.window === null) return "facts.window is missing";
  return void 0;
}
function replayDecisions(records, options = {}) {
  const results = [];
  for (const record of records) {
    if (!record.facts || !record.decision) continue;
    const base = { seq: record.seq, release: record.release, stage: record.stage, event: record.event, recorded: record.decision };
    const problem = factsProblem(record.facts);
    if (problem) {
      results.push({ ...base, replayed: void 0, ok: false, reason: `cannot be replayed: ${problem}` });
      continue;
    }
    try {
      const judgement = options.rejudge ? options.rejudge(record) : record.judgement;
      const replayed = decideTick(record.facts, judgement);
      const outcomeNote = options.rejudge && record.judgement && judgement && judgement.outcome !== record.judgement.outcome ? ` (the recomputed judgement is ${judgement.outcome}, the record says ${record.judgement.outcome})` : "";
      const ok = replayed.decision === record.decision;
      results.push({
        ...base,
        replayed: replayed.decision,
        ok,
        reason: ok ? `follows from the evidence: ${replayed.reason}${outcomeNote}` : `recorded ${record.decision}, but the recorded evidence gives ${replayed.decision}: ${replayed.reason}${outcomeNote}`
      });
    } catch (error) {
      results.push({ ...base, replayed: void 0, ok: false, reason: `cannot be replayed: ${error.message}` });
    }
  }
  return results;
}

// src/engine/audit-check.ts
async function checkAuditLogs(store, sha2562, release) {
  const releases = release !== void 0 ? [release] : await store.listAuditedReleases();
  const checks = [];
  for (const name of releases) {
    const file = `${store.branch}:audit/${name}.jsonl`;
    const text = await store.readAuditLog(name);
    if (text === void 0) {
      checks.push({ release: name, file, records: [], lines: [], chainProblems: [{ line: 0, message: `${file} does not exist` }], replay: [], ok: false });
      continue;
    }
    const verified = verifyAuditLog(text, sha2562);
    const replay = replayDecisions(verified.records);
    const { lines } = parseAuditLog(text);
    const chainProblems = [...verified.problems, ...checkAnchor(verified.records, lines, await store.readAuditHead(name), `${store.branch}:${auditHeadPath(name)}`)];
    checks.push({ release: name, file, records: verified.records, lines, chainProblems, replay, ok: chainProblems.length === 0 && replay.every((r) => r.ok) });
  }
  return checks;
}
function checkAnchor(records, lines, head, anchorFile) {
  const last = records.at(-1);
  if (!head) {
    return last ? [{ line: 0, message: `${anchorFile} is missing or unreadable, so a log cut short could not be told from a whole one` }] : [];
  }
  if (last && last.seq === head.seq && last.hash === head.hash) return [];
  const ends = last ? `ends at seq ${last.seq}` : "has no records";
  return [{
    line: lines.at(-1) ?? 0,
    seq: last?.seq,
    message: `the log ${ends}, but ${anchorFile} says its last record is seq ${head.seq} (${head.hash.slice(0, 12)}\u2026): records were removed from the end, or the log was replaced`
  }];
}
function formatAuditCheck(check) {
  const lines = [];
  const replayed = check.replay.length;
  const failing = check.replay.filter((r) => !r.ok);
  if (check.ok) {
    lines.push(`${check.file}: ok \u2014 ${check.records.length} records, chain intact, ${replayed} decision${replayed === 1 ? "" : "s"} replayed`);
    return lines;
  }
  lines.push(`${check.file}: FAILED \u2014 ${check.chainProblems.length} chain problem${check.chainProblems.length === 1 ? "" : "s"}, ${failing.length} decision${failing.length === 1 ? "" : "s"} that no longer follow${failing.length === 1 ? "s" : ""}`);
  for (const p of check.chainProblems) lines.push(`  ${check.file}:${p.line}${p.seq !== void 0 ? ` (seq ${p.seq})` : ""}: ${p.message}`);
  const lineOf = new Map(check.records.map((r, i) => [r.seq, check.lines[i] ?? i + 1]));
  for (const r of failing) lines.push(`  ${check.file}:${lineOf.get(r.seq) ?? "?"} (seq ${r.seq}): ${r.reason}`);
  return lines;
}

// src/commands/audit.ts
var SUBCOMMANDS = ["verify", "export"];
var auditCommand = {
  name: "audit",
  summary: "Verify the audit logs (hash chain and decision replay), or export a compliance report",
  usage: "verify [--release NAME] [--root DIR]\n       glidepath audit export --release NAME [--format md|json] [--root DIR]\n\n  verify          recompute every record's hash and link, and replay every automatic decision from its\n                  recorded evidence; exit 1 naming the log line and seq of any altered record or\n                  decision that no longer follows\n  export          a compliance report for one release: timeline, verdicts with statistics, approvals,\n                  rollbacks and drills, each tied to its record hash\n  --release NAME  the release (verify: default every release)\n  --format md|json  the export's format (default md)",
  subcommands: SUBCOMMANDS,
  options: { release: { type: "string" } },
  async run(ctx) {
    const sub = ctx.options["subcommand"];
    if (sub !== "verify" && sub !== "export") throw new UsageError(`audit needs a subcommand: ${SUBCOMMANDS.join(" or ")}`);
    const engine = await engineForCommand(ctx, { actor: botActor() });
    const store = stateStoreFor(engine, await loadWorkspace(ctx.root));
    const release = stringOption(ctx, "release");
    if (sub === "verify") {
      const checks = await checkAuditLogs(store, engine.sha256, release);
      if (checks.length === 0) {
        ctx.print(`No audit logs on ${store.branch}.`);
        return { exitCode: 0 };
      }
      for (const check of checks) for (const line2 of formatAuditCheck(check)) ctx.print(line2);
      const failed = checks.filter((c) => !c.ok);
      ctx.print(failed.length === 0 ? `audit verify: ${checks.length} log${checks.length === 1 ? "" : "s"} intact` : `audit verify: ${failed.length} of ${checks.length} logs FAILED`);
      return { exitCode: failed.length === 0 ? 0 : 1, outputs: { verified: String(failed.length === 0) } };
    }
    const name = requireOption(ctx, "release", "name the release to export");
    const asked = String(ctx.options["format"] ?? "text");
    const format = asked === "text" || asked === "github" ? "md" : asked;
    if (format !== "md" && format !== "json") throw new UsageError(`--format is '${asked}'; audit export writes md or json`);
    const text = await store.readAuditLog(name);
    if (text === void 0) {
      ctx.print(`${name} has no audit log on ${store.branch}.`);
      return { exitCode: 1 };
    }
    const verification = verifyAuditLog(text, engine.sha256);
    ctx.print(exportCompliance(verification.records, name, format, { verification }));
    return { exitCode: verification.ok ? 0 : 1 };
  }
};

// src/commands/demo.ts
import { existsSync as existsSync3 } from "node:fs";
import { join as join5, resolve as resolve5 } from "node:path";
import { fileURLToPath } from "node:url";

// src/engine/demo.ts
var import_yaml4 = __toESM(require_dist(), 1);
import { execFile as execFile2 } from "node:child_process";
import { cpSync, existsSync as existsSync2, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join4 } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile2);
var RELEASE = "support-assistant";
var RELEASE_FILE = `releases/${RELEASE}.yaml`;
var METRICS_FILE = `metrics/${RELEASE}.json`;
var APPROVER = "octocat";
var DAY_START = Date.parse("2026-11-16T09:00:00Z");
var MINUTE2 = 6e4;
var DEMO_AUTHOR = ["-c", "user.name=Glidepath demo", "-c", "user.email=demo@glidepath.invalid", "-c", "commit.gpgsign=false"];
var GOOD_DAY = [
  { at: 30, metrics: "shadow-1" },
  { at: 60, metrics: "shadow-2" },
  { at: 120, metrics: "canary-5-1" },
  { at: 180, metrics: "canary-5-2" },
  { at: 240, metrics: "canary-25-1" },
  { at: 300, metrics: "canary-25-2" },
  { at: 301, metrics: "canary-25-2" },
  { at: 360, metrics: "full-1" },
  { at: 420, metrics: "full-2" },
  { at: 480, metrics: "full-2" }
];
var BAD_DAY = GOOD_DAY.map((step) => ({ at: step.at + 24 * 60, metrics: step.metrics }));
async function runDemo(options) {
  const { print } = options;
  const dir = mkdtempSync(join4(options.tmp ?? tmpdir2(), "glidepath-demo-"));
  const git = async (...args) => (await run("git", ["-C", dir, ...DEMO_AUTHOR, ...args], { env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } })).stdout.trim();
  const checks = [];
  const check = (ok2, what) => {
    checks.push({ ok: ok2, what });
    print(`${ok2 ? "\u2713" : "\u2717"} ${what}`);
  };
  print(`Glidepath demo: a throwaway repository in ${dir}`);
  print("");
  copyQuickstart(options.quickstart, dir);
  const original = readFileSync(join4(dir, RELEASE_FILE), "utf8");
  writeFileSync(join4(dir, RELEASE_FILE), swapBundles(original, (doc) => doc.setIn(["spec", "challenger"], doc.getIn(["spec", "champion"], true))));
  await git("init", "-q", "-b", "main");
  await git("add", "-A");
  await git("commit", "-q", "-m", "Support assistant on gpt-4o (today's champion)");
  const clock = fixedClock(new Date(DAY_START));
  const engine = {
    root: dir,
    scm: createLocalGitScm(dir, { author: DEFAULT_GIT_IDENTITY }),
    clock,
    logger: options.logger,
    sha256,
    providers: trafficProviders,
    metricsSources,
    actor: BOT_ACTOR,
    dryRun: false,
    baseBranch: "main"
  };
  const store = createStateStore(engine.scm, { branch: DEFAULT_STATE_BRANCH, sha256 });
  const state = async () => (await store.load()).states.get(RELEASE);
  print('== 1. Merge "upgrade the support assistant to gpt-4.1" and roll it out (good challenger)');
  writeFileSync(join4(dir, RELEASE_FILE), original);
  await git("commit", "-q", "-am", "Merge pull request #1: upgrade the support assistant to gpt-4.1 with the v2 prompt");
  await startRelease(engine, print);
  await playDay(engine, options, dir, "good", GOOD_DAY, state);
  const good = await state();
  check(good?.phase === "complete", `good challenger promoted to 100% and completed (phase: ${good?.phase ?? "none"})`);
  check((good?.approvals ?? []).some((a) => a.by === APPROVER), `the 100% stage waited for ${APPROVER}'s approval`);
  print("");
  print('== 2. Merge "try gpt-4.1-mini" and roll it out (bad challenger)');
  clock.set(new Date(DAY_START + 24 * 60 * MINUTE2));
  writeFileSync(join4(dir, RELEASE_FILE), swapBundles(original, (doc) => {
    doc.setIn(["spec", "champion"], doc.getIn(["spec", "challenger"], true));
    doc.setIn(["spec", "challenger", "model"], "openai/gpt-4.1-mini-2025-04-14");
    doc.setIn(["metadata", "description"], "Try gpt-4.1-mini for the support assistant: cheaper, hopefully as good.");
  }));
  await git("commit", "-q", "-am", "Merge pull request #2: try gpt-4.1-mini for the support assistant");
  await startRelease(engine, print);
  const rollback = await playDay(engine, options, dir, "bad", BAD_DAY, state);
  const bad = await state();
  check(bad?.phase === "rolled-back", `bad challenger rolled back (phase: ${bad?.phase ?? "none"}${bad?.rolledBack ? `, at ${bad.stage}: ${bad.rolledBack.reason}` : ""})`);
  const flags = JSON.parse(readFileSync(join4(dir, "flags/glidepath.flagd.json"), "utf8"));
  const flag = flags.flags["support-assistant-model"];
  check(flag?.targeting === void 0 && flag?.defaultVariant === "champion", "the flag serves the champion to everyone again");
  const execution = rollback?.execution;
  const revert = execution?.status === "committed" ? execution.revert : void 0;
  const timing2 = execution?.status === "committed" ? execution.traffic[0] : void 0;
  if (timing2?.sinceMetricsMs !== void 0) {
    check(timing2.sinceMetricsMs + timing2.applyMs <= 1e3, `champion restored ${round3(timing2.sinceMetricsMs + timing2.applyMs)} ms after the metrics arrived (the limit is 1 s)`);
  }
  check(revert !== void 0 && await engine.scm.resolveRef(`refs/heads/${revert.branch}`) !== void 0, `revert branch ${revert?.branch ?? "(none)"} holds the previous ${RELEASE_FILE} and the evidence`);
  print("");
  print("== 3. Verify the audit log, then tamper with one byte and verify again");
  const intact = await checkAuditLogs(store, sha256);
  for (const c of intact) formatAuditCheck(c).forEach((line2) => print(`   ${line2}`));
  check(intact.length > 0 && intact.every((c) => c.ok), "audit verify passes on the untouched log");
  const tampered = await tamperWithOneByte(engine);
  print(`   (changed one byte of line ${tampered.line}, seq ${tampered.seq}: '${tampered.from}' \u2192 '${tampered.to}' in "${tampered.field}")`);
  const broken = await checkAuditLogs(store, sha256);
  for (const c of broken) formatAuditCheck(c).forEach((line2) => print(`   ${line2}`));
  const named = broken.some((c) => c.chainProblems.some((p) => p.seq === tampered.seq && p.line === tampered.line));
  check(broken.some((c) => !c.ok) && named, `audit verify fails and names the altered record (line ${tampered.line}, seq ${tampered.seq})`);
  const ok = checks.every((c) => c.ok);
  print("");
  print(ok ? "Everything behaved as expected." : "Something did not behave as expected (see \u2717 above).");
  print(`Inspect the repository: ${dir}`);
  print(`  git -C ${dir} log --oneline ${DEFAULT_STATE_BRANCH}        # one commit per decision`);
  print(`  git -C ${dir} show ${DEFAULT_STATE_BRANCH}:${auditPath(RELEASE)} | head -3`);
  if (revert) print(`  git -C ${dir} show ${revert.branch}                     # the revert, with the evidence`);
  print(`  cat ${join4(dir, "flags/glidepath.flagd.json")}`);
  return { ok, dir, checks };
}
async function startRelease(engine, print) {
  const report = await runStart(engine);
  for (const outcome of report.outcomes) print(line(engine, outcome));
}
async function playDay(engine, options, dir, variant, steps, state) {
  let rollback;
  for (const step of steps) {
    const current = await state();
    if (!current || current.phase === "complete" || current.phase === "rolled-back") break;
    engine.clock.set(new Date(DAY_START + step.at * MINUTE2));
    mkdirSync(join4(dir, "metrics"), { recursive: true });
    writeFileSync(join4(dir, METRICS_FILE), readFileSync(join4(options.quickstart, "metrics", variant, `${step.metrics}.json`)));
    const report = await runTick(engine, { release: RELEASE });
    for (const outcome of report.outcomes) {
      options.print(line(engine, outcome));
      if (outcome.decision === "rollback") rollback = outcome;
    }
    const after = await state();
    if (after?.lastDecision?.code === "awaiting-approval") {
      const approval2 = await runApprove({ ...engine, actor: APPROVER }, { release: RELEASE, by: APPROVER, reason: "dashboards look good" });
      options.print(line(engine, approval2, "approve"));
    }
  }
  return rollback;
}
function line(engine, outcome, label) {
  const time = engine.clock.now().toISOString().slice(11, 16);
  const decision = label ?? outcome.decision;
  return `  ${time}  ${outcome.stage.padEnd(9)}  ${describeSplit(outcome.split).padEnd(12)}  ${decision.padEnd(9)}  ${outcome.reason}`;
}
function copyQuickstart(from, to) {
  if (!existsSync2(join4(from, "glidepath.yaml"))) throw new Error(`the quickstart example is missing: ${from} has no glidepath.yaml`);
  cpSync(from, to, { recursive: true, filter: (src) => !/[/\\]metrics[/\\](good|bad)([/\\]|$)/.test(src) });
  writeFileSync(join4(to, ".gitignore"), "# Written by the export step before each tick, and by Glidepath's flagd provider.\nmetrics/*.json\nflags/\n");
}
function swapBundles(text, edit) {
  const doc = (0, import_yaml4.parseDocument)(text);
  edit(doc);
  return doc.toString();
}
async function tamperWithOneByte(engine) {
  const head = await engine.scm.resolveRef(`refs/heads/${DEFAULT_STATE_BRANCH}`);
  const text = await engine.scm.readFile(head, auditPath(RELEASE));
  const lines = text.split("\n");
  const index = lines.findIndex((l) => l.includes('"decision":"advance"') && l.includes('"event":"decision"'));
  const target2 = lines[index];
  const at = target2.indexOf('"reason":"') + '"reason":"'.length;
  const offset = [...target2.slice(at)].findIndex((ch) => /[a-z]/.test(ch)) + at;
  const from = target2[offset];
  const to = from === "a" ? "b" : "a";
  lines[index] = `${target2.slice(0, offset)}${to}${target2.slice(offset + 1)}`;
  const seq = JSON.parse(target2).seq;
  const result = await engine.scm.commitFiles({ branch: DEFAULT_STATE_BRANCH, expectedHead: head, files: [{ path: auditPath(RELEASE), content: lines.join("\n") }], message: "an edit by hand" });
  if (result.status !== "committed") throw new Error("the demo could not write the tampered log");
  return { line: index + 1, seq, from, to, field: "reason" };
}
function round3(ms) {
  return Math.round(ms * 10) / 10;
}

// src/commands/demo.ts
function findQuickstart() {
  const candidates = [fileURLToPath(new URL("../../examples/quickstart/", import.meta.url)), resolve5("examples/quickstart")];
  return candidates.find((dir) => existsSync3(join5(dir, "glidepath.yaml"))) ?? candidates[0];
}
var demoCommand = {
  name: "demo",
  summary: "Run the whole loop on a throwaway repository: roll out, promote, roll back, verify the audit log",
  usage: "\n\nCreates a git repository in a temporary directory (printed), copies examples/quickstart into it and plays\ntwo merges against bundled metrics with a fake clock: a good challenger promoted to 100% after an approval,\nand a bad one rolled back with a revert branch; then verifies the audit log, tampers with one byte and\nverifies again. Needs git and nothing else: no network, no configuration. Exit 0 when all of it behaved.",
  options: {},
  async run(ctx) {
    const report = await runDemo({ print: ctx.print, logger: { ...ctx.logger, info: () => {
    }, debug: () => {
    } }, quickstart: findQuickstart() });
    return { exitCode: report.ok ? 0 : 1, outputs: { dir: report.dir } };
  }
};

// src/commands/index.ts
var commands = {
  validate: validateCommand,
  plan: planCommand,
  evaluate: evaluateCommand,
  start: startCommand,
  watch: watchCommand,
  rollback: rollbackCommand,
  approve: approveCommand,
  status: statusCommand,
  drill: drillCommand,
  audit: auditCommand,
  demo: demoCommand
};

export {
  __require,
  __commonJS,
  __toESM,
  UsageError,
  systemClock,
  commands
};
