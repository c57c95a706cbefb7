// The monaco-yaml language worker, bundled locally (monaco-yaml README's Vite workaround).
import "monaco-yaml/yaml.worker.js";
