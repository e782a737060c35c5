#!/usr/bin/env node
import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{commands,loadCommand}from"./chunks/chunk-PPEW2ER7.js";import{systemClock}from"./chunks/chunk-EGPRNJBU.js";import{ConfigurationError,UsageError}from"./chunks/chunk-T63TQ3EG.js";import"./chunks/chunk-KM3VDPVO.js";import module2 from"node:module";import{resolve}from"node:path";import module from"node:module";var{writevSync}=module.createRequire(import.meta.url)("node:fs"),BUFFERS_PER_WRITE=1024;function standardStream(fd,fallback=()=>fd===2?process.stderr:process.stdout){let stream;return text=>{let buffers=typeof text=="string"?[Buffer.from(text)]:encodePieces(text),left=stream?buffers:writeAll(fd,buffers);if(left.length!==0){stream??=fallback();for(let buffer of left)stream.write(buffer)}}}function writeAll(fd,buffers){let index=0,offset=0;try{for(;index<buffers.length;){let group=buffers.slice(index,index+BUFFERS_PER_WRITE);offset>0&&(group[0]=group[0].subarray(offset));let wrote=writevSync(fd,group);if(wrote===0&&group.some(buffer=>buffer.length>0))throw new Error("the descriptor took nothing");let written=offset+wrote;for(;index<buffers.length&&written>=buffers[index].length;)written-=buffers[index].length,index+=1;offset=written}return[]}catch{return[buffers[index].subarray(offset),...buffers.slice(index+1)]}}function encodePieces(pieces){let encoded=new Map;return pieces.map(piece=>{let bytes=encoded.get(piece);return bytes||(bytes=Buffer.from(piece),encoded.set(piece,bytes)),bytes})}var{parseArgs}=module2.createRequire(import.meta.url)("node:util"),globalOptions={root:{type:"string",default:"."},format:{type:"string",default:"text"},help:{type:"boolean",short:"h",default:!1}};async function usage(){let width=Math.max(...Object.keys(commands).map(n=>n.length));return["Usage: glidepath <command> [options]","","Commands:",...(await Promise.all(Object.values(commands).map(load=>load()))).map(c=>`  ${c.name.padEnd(width)}  ${c.summary}`),"","Run `glidepath <command> --help` for its options, `glidepath --version` for the version."].join(`
`)}function commandUsage(command){return`Usage: glidepath ${command.name} ${command.usage}

${command.summary}`}var stdout=standardStream(1),stderr=standardStream(2),stderrLogger={info:m=>stderr(`${m}
`),warn:m=>stderr(`warning: ${m}
`),debug:m=>{process.env.GLIDEPATH_DEBUG&&stderr(`debug: ${m}
`)}};async function version(){return(await import("./chunks/package-EVMRHTRY.js")).default.version}async function runCli(argv){let[name,...rest]=argv;if(name==="--version"||name==="-V"||name==="version")return stdout(`glidepath ${await version()}
`),0;if(!name||name==="--help"||name==="-h"||name==="help")return stdout(`${await usage()}
`),name?0:2;let command=await loadCommand(name);if(!command)return stderr(`glidepath: unknown command '${name}'

${await usage()}
`),2;let values,{subcommands}=command;try{let positionals;if({values,positionals}=parseArgs({args:[...rest],options:{...globalOptions,...command.options},strict:!0,allowPositionals:subcommands!==void 0}),subcommands!==void 0){let[sub,...extra]=positionals;if(sub!==void 0&&!subcommands.includes(sub))throw new Error(`unknown subcommand '${sub}'; use one of: ${subcommands.join(", ")}`);if(extra.length>0)throw new Error(`unexpected argument '${extra[0]}'`);sub!==void 0&&(values.subcommand=sub)}}catch(error){return stderr(`glidepath ${name}: ${error.message}

${commandUsage(command)}
`),2}if(values.help)return stdout(`${commandUsage(command)}
`),0;try{let{createRuntime}=await import("./chunks/runtime-2YKTR3C4.js");return(await command.run({root:resolve(String(values.root??".")),options:values,print:text=>{stdout(text),(typeof text=="string"?text:text.findLast(piece=>piece!=="")??"").endsWith(`
`)||stdout(`
`)},logger:stderrLogger,clock:systemClock,env:process.env,runtime:createRuntime()})).exitCode}catch(error){return error instanceof ConfigurationError?(stderr(`glidepath ${name}: ${error.message}
`),2):error instanceof UsageError?(stderr(`glidepath ${name}: ${error.message}

${commandUsage(command)}
`),2):(stderr(`glidepath ${name}: internal error: ${error.message}
`),process.env.GLIDEPATH_DEBUG&&stderr(`${error.stack}
`),2)}}function enableCompileCache(){module2.enableCompileCache?.()}var invokedDirectly=process.argv[1]!==void 0&&/(^|[/\\])cli\.(ts|js)$/.test(process.argv[1]);invokedDirectly&&(enableCompileCache(),process.exitCode=await runCli(process.argv.slice(2)));export{runCli};
