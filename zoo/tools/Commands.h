// Subcommands of genc-zoo. Each takes the arguments after its own name
// (argv[0] is the subcommand) and returns the process exit code: 0 success,
// 1 data or runtime error, 2 usage error.
#ifndef GENC_ZOO_TOOLS_COMMANDS_H
#define GENC_ZOO_TOOLS_COMMANDS_H

namespace genc::zoo::tools {

/// genc-zoo data {synth,info,convert,montage}: zoo/tools/DataCommand.cpp.
int runDataCommand(int argc, char **argv);
/// genc-zoo vae {train,analyze}: zoo/tools/VaeCommand.cpp.
int runVaeCommand(int argc, char **argv);
/// genc-zoo gan {train,sample,eval}: zoo/tools/GanCommand.cpp.
int runGanCommand(int argc, char **argv);
/// genc-zoo diffusion {train,sample,eval}: zoo/tools/DiffusionCommand.cpp.
int runDiffusionCommand(int argc, char **argv);
/// genc-zoo flow {train,sample,eval}: zoo/tools/FlowCommand.cpp.
int runFlowCommand(int argc, char **argv);
/// genc-zoo compare RUN...: zoo/tools/CompareCommand.cpp.
int runCompareCommand(int argc, char **argv);

} // namespace genc::zoo::tools

#endif // GENC_ZOO_TOOLS_COMMANDS_H
