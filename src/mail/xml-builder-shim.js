// Stands in for @aws-sdk/xml-builder inside the Worker (wrangler [alias], vitest
// resolve.alias): the bundler picks the package's browser XML parser, which needs
// DOMParser, absent in workerd. Its DOM-free parser does the same job.
export { XmlNode } from "../../node_modules/@aws-sdk/xml-builder/dist-es/XmlNode.js";
export { XmlText } from "../../node_modules/@aws-sdk/xml-builder/dist-es/XmlText.js";
export { parseXML } from "../../node_modules/@aws-sdk/xml-builder/dist-es/xml-parser.js";
